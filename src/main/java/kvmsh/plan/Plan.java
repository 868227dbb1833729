package kvmsh.plan;

import kvmsh.model.Problem;

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
        return steps.stream().filter(a -> !Action.statement(a)).count();
    }

    /** The steps that can lose data ({@link Action#losesData()}): carried out only with consent. */
    public List<Action> dataLoss() {
        return steps.stream().filter(Action::losesData).toList();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as the user sees it, without colour (see {@link PlanText}). */
    public String render() {
        return PlanText.render(this, false);
    }

    /** The plan as the user sees it, coloured for a terminal when {@code colour}. */
    public String render(boolean colour) {
        return PlanText.render(this, colour, a -> "");
    }

    /**
     * The plan as the user sees it, each step's line followed by {@code where} of its action (the
     * backend it runs on, when a plan spans several; empty for none).
     */
    public String render(boolean colour, java.util.function.Function<Action, String> where) {
        return PlanText.render(this, colour, where);
    }
}
