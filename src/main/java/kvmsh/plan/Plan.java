package kvmsh.plan;

import java.util.List;

/**
 * What applying a script would do: the steps in order, notes worth knowing (warnings, things left
 * alone), and problems that forbid applying at all. Printing a plan is kvmsh's dry run.
 */
public record Plan(List<Action> steps, List<String> notes, List<Problem> problems) {

    public Plan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    /** Steps that change the host (imperative statements not counted). */
    public long changes() {
        return steps.stream().filter(a -> !(a instanceof Action.RunOp)).count();
    }

    /** The steps that can lose data ({@link Action#losesData()}): carried out only with consent. */
    public List<Action> dataLoss() {
        return steps.stream().filter(Action::losesData).toList();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as the user sees it. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Action a : steps) {
            sb.append("  ").append(a.describe()).append('\n');
        }
        for (String n : notes) {
            sb.append("  note: ").append(n).append('\n');
        }
        long c = changes();
        long ops = steps.size() - c;
        sb.append(c == 0 ? "No changes." : c + " change" + (c == 1 ? "" : "s") + ".");
        if (ops > 0) {
            sb.append(" ").append(ops).append(" statement").append(ops == 1 ? "" : "s").append(" to run.");
        }
        sb.append('\n');
        return sb.toString();
    }
}
