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
    /** The undo steps carried out, as actions: a plan across hosts reports them per host. */
    private transient List<Action> undoneSteps = List.of();
    /** What the run carried out and kept instead of undoing ({@link StepFailedException#keepsWhatRan}), or null. */
    private List<String> kept;

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

    /**
     * Step {@code stepNumber}, a command in a guest, failed, and nothing was undone: {@code kept} lists what the
     * run had carried out before it, which stays.
     */
    static ApplyException kept(Action failed, int stepNumber, String cause, List<String> kept) {
        ApplyException e = new ApplyException(failed, stepNumber, cause, List.of(), List.of());
        e.kept = List.copyOf(kept);
        return e;
    }

    /** Whether nothing was undone on purpose: a command in a guest failed and what the run made is kept. */
    public boolean keptWhatRan() {
        return kept != null;
    }

    /** Records the undo steps carried out (the same as {@link #undone()}, as actions). */
    ApplyException undoneSteps(List<Action> steps) {
        this.undoneSteps = List.copyOf(steps);
        return this;
    }

    /** The undo steps carried out, as actions ({@link Action.OnHost} for a plan across hosts). */
    public List<Action> undoneSteps() {
        return undoneSteps;
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

    /**
     * What became of the host, for people, in the lines the CLI and the REPL both print under the
     * message: other failures, then what was undone (under {@code undoneHeading}, "undone:" for a
     * run and "restored:" for a down) or that nothing had been changed, then what could not be
     * undone with a warning that the host needs a look.
     */
    public List<String> report(String undoneHeading) {
        List<String> out = new java.util.ArrayList<>();
        alsoFailed.forEach(f -> out.add("also failed: " + f));
        if (kept != null) {
            if (kept.isEmpty()) {
                out.add("nothing had been changed before it.");
            } else {
                out.add("nothing was undone: a command in a guest failed, and what the run made for it stays to look into"
                        + " (kvmsh ssh VM; kvmsh down removes it, asking before it deletes disks):");
                kept.forEach(k -> out.add("  " + k));
            }
            return out;
        }
        if (undone.isEmpty() && rollbackFailures.isEmpty()) {
            out.add("nothing had been changed before it.");
        } else if (undoneSteps.stream().anyMatch(a -> a instanceof Action.OnHost)) {
            // A plan across hosts: what was undone, host by host ("undone on a:").
            java.util.Map<String, List<String>> byHost = new java.util.LinkedHashMap<>();
            for (Action a : undoneSteps) {
                String host = a instanceof Action.OnHost h ? h.host() : "";
                byHost.computeIfAbsent(host, h -> new java.util.ArrayList<>()).add(Action.inner(a).describe());
            }
            String heading = undoneHeading.endsWith(":") ? undoneHeading.substring(0, undoneHeading.length() - 1)
                    : undoneHeading;
            byHost.forEach((host, lines) -> {
                out.add(host.isEmpty() ? undoneHeading : heading + " on " + host + ":");
                lines.forEach(u -> out.add("  " + u));
            });
        } else if (!undone.isEmpty()) {
            out.add(undoneHeading);
            undone.forEach(u -> out.add("  " + u));
        }
        rollbackFailures.forEach(f -> out.add("could not undo: " + f));
        if (!rollbackFailures.isEmpty()) {
            // Told only what is true: these are still on the host as the run left them.
            out.add("the host still has what could not be undone; look before running again.");
        }
        return out;
    }
}
