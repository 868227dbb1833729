package kvmsh.plan;

/** The host refused a step; the message is one line, ready to print. */
public class StepFailedException extends RuntimeException {

    /**
     * Whether what the run did before this step stays instead of being undone: a command in a guest
     * the run just made failed ({@code ssh}, {@code waitForSsh}). The VM is kept to look into;
     * removing it is {@code down}'s, with its consent.
     */
    public boolean keepsWhatRan() {
        return false;
    }

    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
