package kvmsh.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out a plan step by step. When a step fails, the steps this run already carried out are
 * undone in reverse order, and the error says what failed and what was undone.
 */
public final class Applier {

    private final Hypervisor hypervisor;
    private final Consumer<String> steps;
    private final Consumer<String> shown;

    /**
     * @param hypervisor where the steps run
     * @param out        receives one line per step carried out, and below it, indented, any text
     *                   the step shows
     */
    public Applier(Hypervisor hypervisor, Consumer<String> out) {
        this(hypervisor, out, line -> out.accept("  " + line));
    }

    /**
     * @param hypervisor where the steps run
     * @param steps      receives one line per step carried out
     * @param shown      receives the lines a step shows (a {@code list} table, say), as they are
     */
    public Applier(Hypervisor hypervisor, Consumer<String> steps, Consumer<String> shown) {
        this.hypervisor = hypervisor;
        this.steps = steps;
        this.shown = shown;
    }

    /** Applies every step; on failure rolls back and throws {@link ApplyException}. */
    public void apply(Plan plan) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("a plan with problems cannot be applied");
        }
        Deque<Action> undo = new ArrayDeque<>();
        int n = 0;
        for (Action step : plan.steps()) {
            n++;
            try {
                String text = hypervisor.execute(step);
                steps.accept(step.describe());
                text.stripTrailing().lines().forEach(shown);
            } catch (RuntimeException e) {
                List<String> undone = new ArrayList<>();
                List<String> failures = new ArrayList<>();
                rollback(undo, undone, failures);
                throw new ApplyException(step, n, message(e), undone, failures);
            }
            step.undo().ifPresent(undo::push);
        }
    }

    private void rollback(Deque<Action> undo, List<String> undone, List<String> failures) {
        while (!undo.isEmpty()) {
            Action u = undo.pop();
            try {
                hypervisor.execute(u);
                undone.add(u.describe());
            } catch (RuntimeException e) {
                // Keep going: a partial rollback is better than none, and the user is told.
                failures.add(u.describe() + ": " + message(e));
            }
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
