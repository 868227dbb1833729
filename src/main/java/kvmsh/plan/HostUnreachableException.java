package kvmsh.plan;

/**
 * The hypervisor could not be reached (no daemon answers, no such URI, access refused) or its
 * state could not be read. Not a {@link StepFailedException}: nothing was attempted on the host,
 * so there is nothing to undo. The message is one line, ready to print.
 */
public class HostUnreachableException extends RuntimeException {

    private final String reason;
    private final String advice;

    public HostUnreachableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param reason what went wrong
     * @param advice what to try, in the command line's terms ({@code -c test:///default}); the REPL,
     *               whose user connects with {@code :connect}, gives its own advice instead
     */
    public HostUnreachableException(String reason, String advice, Throwable cause) {
        super(advice == null ? reason : reason + " " + advice, cause);
        this.reason = reason;
        this.advice = advice;
    }

    /** What went wrong, without the command line's advice. */
    public String reason() {
        return reason;
    }

    /** Whether the message carries advice for the command line (nothing answered where kvmsh connected). */
    public boolean advised() {
        return advice != null;
    }
}
