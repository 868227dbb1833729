package kvmsh.plan;

import java.util.List;

/**
 * A step failed, or the apply was interrupted ({@link Applier#cancel()}); what the run had changed
 * before is undone (as far as possible) and listed.
 */
public class ApplyException extends RuntimeException {

    private final transient Action failed;
    private final List<String> undone;
    private final List<String> rollbackFailures;
    private final List<String> alsoFailed;
    private final String reason;

    public ApplyException(Action failed, int stepNumber, String cause, List<String> undone,
                          List<String> rollbackFailures) {
        this(failed, stepNumber, cause, undone, rollbackFailures, List.of());
    }

    /** @param alsoFailed other steps that failed while running beside the first failure */
    public ApplyException(Action failed, int stepNumber, String cause, List<String> undone,
                          List<String> rollbackFailures, List<String> alsoFailed) {
        this("step " + stepNumber + " failed: " + failed.describe().substring(2) + ": " + cause, failed, cause,
                undone, rollbackFailures, alsoFailed);
    }

    private ApplyException(String message, Action failed, String reason, List<String> undone,
                           List<String> rollbackFailures, List<String> alsoFailed) {
        super(message);
        this.reason = reason;
        this.failed = failed;
        this.undone = List.copyOf(undone);
        this.rollbackFailures = List.copyOf(rollbackFailures);
        this.alsoFailed = List.copyOf(alsoFailed);
    }

    /** The apply was cancelled after {@code carriedOut} of {@code steps} steps; nothing failed. */
    public static ApplyException interrupted(int carriedOut, int steps, List<String> undone,
                                             List<String> rollbackFailures) {
        return new ApplyException("interrupted after " + carriedOut + " of " + steps + " step" + (steps == 1 ? "" : "s"),
                null, "interrupted", undone, rollbackFailures, List.of());
    }

    /** True when the apply was cancelled rather than failed. */
    public boolean interrupted() {
        return failed == null;
    }

    /** Why the host refused the step, in the host's words (without the step); "interrupted" for a cancel. */
    public String reason() {
        return reason;
    }

    /** The step that failed (the first, when several running at once did); null when interrupted. */
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

    /** Other steps that failed while running beside the first failure: "step N what: why". */
    public List<String> alsoFailed() {
        return alsoFailed;
    }
}
