package kvmsh.ssh;

/** Why kvmsh cannot ssh to a VM, before ssh runs: the kind decides the exit code, the message says what to do. */
public final class GuestException extends RuntimeException {

    /** What is wrong. */
    public enum Kind {
        /** The host has no domain of that name. */
        NO_VM,
        /** The domain exists and does not run. */
        NOT_RUNNING,
        /** It runs, and no lease gives it an address (yet). */
        NO_ADDRESS,
        /** No user to log in as: none recorded, none given. */
        NO_USER,
        /** The host could not be read. */
        HOST
    }

    private final Kind kind;

    public GuestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
