package kvmsh.cli;

/** Ends a command with a message for the user and an exit code; no stack trace unless asked. */
public class KvmshException extends RuntimeException {

    private final int exitCode;

    public KvmshException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public KvmshException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
