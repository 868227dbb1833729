package kvmsh.cloudinit;

/** A seed could not be built here: one line saying why and what to install or fix. */
public final class SeedException extends RuntimeException {

    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
