package kvmsh.plan;

import java.util.List;

/**
 * A plan as people read it: one line per step with its sign (+ add, ~ change, - destroy,
 * > statement), under it each changed setting as {@code old → new}, a {@code !} in front of every
 * step that can lose data with the reason under it, then a summary with counts. With colour (a
 * terminal, no {@code NO_COLOR}) the sign's colour runs over the line: green, yellow, red; steps
 * that can lose data are bold.
 */
public final class PlanText {

    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final String RED = "\033[31m";
    private static final String CYAN = "\033[36m";

    private PlanText() {
    }

    public static String render(Plan plan, boolean colour) {
        return render(plan, colour, a -> "");
    }

    /** The plan with {@code where} of each step's action after its line (see {@link Plan#render(boolean, java.util.function.Function)}). */
    public static String render(Plan plan, boolean colour, java.util.function.Function<Action, String> where) {
        StringBuilder sb = new StringBuilder();
        for (Action a : plan.steps()) {
            step(sb, a, colour, where.apply(a), "");
        }
        return end(sb, plan);
    }

    /**
     * A plan across several hosts ({@link Action.OnHost} steps), grouped by hypervisor: under each
     * host's heading ({@code labels}: name to how it is named, in order) its steps, or that it has no
     * changes; then the statements in script order, each naming its host.
     */
    public static String renderByHost(Plan plan, boolean colour, java.util.Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (java.util.Map.Entry<String, String> host : labels.entrySet()) {
            List<Action> steps = plan.steps().stream()
                    .filter(a -> a instanceof Action.OnHost h && h.host().equals(host.getKey()) && !Action.statement(a))
                    .toList();
            sb.append("  ").append(host.getKey()).append(" (").append(host.getValue()).append(")")
                    .append(steps.isEmpty() ? ": no changes" : ":").append('\n');
            for (Action a : steps) {
                step(sb, a, colour, "", "  ");
            }
        }
        for (Action a : plan.steps()) {
            if (Action.statement(a)) {
                step(sb, a, colour, a instanceof Action.OnHost h ? "   [" + h.host() + "]" : "", "");
            }
        }
        return end(sb, plan);
    }

    private static void step(StringBuilder sb, Action a, boolean colour, String where, String indent) {
        Step s = Step.of(a);
        String line = s.sign() + " " + s.text() + where;
        String lead = s.destructive() ? "! " : "  ";
        sb.append(indent);
        if (colour) {
            String c = switch (s.sign()) {
                case '+' -> GREEN;
                case '-' -> RED;
                case '>' -> CYAN;
                default -> YELLOW;
            };
            sb.append(s.destructive() ? BOLD + RED + lead + RESET + BOLD + c : "  " + c).append(line).append(RESET);
        } else {
            sb.append(lead).append(line);
        }
        sb.append('\n');
        // A step whose line already says old → new (a DHCP update) needs no field lines.
        boolean redefinition = s.fields().stream().anyMatch(f -> f.before() != null) && !s.text().contains("→");
        if (redefinition) {
            for (Fields.Change f : s.fields()) {
                if (f.changed()) {
                    sb.append(indent).append("      ").append(f.name()).append(": ").append(f.before()).append(" → ")
                            .append(f.after() == null ? "none" : f.after()).append('\n');
                }
            }
        }
        if (s.destructive()) {
            String why = indent + "      can lose data: " + s.dataLoss();
            sb.append(colour ? RED + why + RESET : why).append('\n');
        }
    }

    private static String end(StringBuilder sb, Plan plan) {
        for (String n : plan.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        sb.append(summary(Step.all(plan))).append('\n');
        return sb.toString();
    }

    /** {@code 2 to add, 1 to change, 1 to destroy, 1 statement.} ({@code No changes.} when nothing changes). */
    public static String summary(List<Step> steps) {
        long add = count(steps, "add");
        long change = count(steps, "change");
        long destroy = count(steps, "destroy");
        long statements = count(steps, "statement");
        long adopt = count(steps, "adopt");
        long loss = steps.stream().filter(Step::destructive).count();
        StringBuilder sb = new StringBuilder();
        if (add + change + destroy + adopt == 0) {
            sb.append("No changes.");
            if (statements > 0) {
                sb.append(' ').append(plural(statements, "statement")).append(" to run.");
            }
        } else {
            if (adopt > 0) {
                sb.append(adopt).append(" to adopt, ");
            }
            sb.append(add).append(" to add, ").append(change).append(" to change, ").append(destroy).append(" to destroy");
            if (statements > 0) {
                sb.append(", ").append(plural(statements, "statement"));
            }
            sb.append('.');
        }
        if (loss > 0) {
            sb.append(' ').append(plural(loss, "step")).append(" marked ! can lose data.");
        }
        return sb.toString();
    }

    private static long count(List<Step> steps, String change) {
        return steps.stream().filter(s -> s.change().equals(change)).count();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
