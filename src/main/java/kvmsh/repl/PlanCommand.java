package kvmsh.repl;

import java.util.List;

import kvmsh.plan.Plan;

/** {@code :plan}: what {@code :apply} would change on the host; changes nothing. */
final class PlanCommand implements MetaCommand {

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String usage() {
        return ":plan";
    }

    @Override
    public String summary() {
        return "show what :apply would change for the session's declarations (the dry run)";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        print(session);
    }

    /** The session's plan against the current host, or its problems (also for {@code :show}). */
    static void print(ReplSession session) {
        Plan plan = session.plan().orElse(null);
        if (plan == null) {
            return;
        }
        plan.problems().forEach(p -> session.out().error(p.toString()));
        if (plan.problems().isEmpty()) {
            session.out().println(plan.render(session.out().colour()).stripTrailing());
        }
    }
}
