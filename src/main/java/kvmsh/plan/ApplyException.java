package kvmsh.plan;

import java.util.List;

/** A step failed; what the run had changed before it was undone (as far as possible). */
public class ApplyException extends RuntimeException {

    private final transient Action failed;
    private final List<String> undone;
    private final List<String> rollbackFailures;
    private final String reason;

    public ApplyException(Action failed, int stepNumber, String cause, List<String> undone,
                          List<String> rollbackFailures) {
        super("step " + stepNumber + " failed: " + failed.describe().substring(2) + ": " + cause);
        this.reason = cause;
        this.failed = failed;
        this.undone = List.copyOf(undone);
        this.rollbackFailures = List.copyOf(rollbackFailures);
    }

    /** Why the host refused the step, in the host's words (without the step). */
    public String reason() {
        return reason;
    }

    public Action failed() {
        return failed;
    }

    /** Descriptions of the undo steps carried out, in the order they ran. */
    public List<String> undone() {
        return undone;
    }

    /** Undo steps that failed in their turn (the host may need a look). */
    public List<String> rollbackFailures() {
        return rollbackFailures;
    }
}
