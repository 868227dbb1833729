package kvmsh.sandbox;

/** The sandbox could not be brought into (or out of) the requested state; the message says which part. */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
