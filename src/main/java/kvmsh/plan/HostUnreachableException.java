package kvmsh.plan;

/**
 * The hypervisor could not be reached (no daemon answers, no such URI, access refused) or its
 * state could not be read. Not a {@link StepFailedException}: nothing was attempted on the host,
 * so there is nothing to undo. The message is one line, ready to print.
 */
public class HostUnreachableException extends RuntimeException {

    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
