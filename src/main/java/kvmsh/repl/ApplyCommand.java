package kvmsh.repl;

import java.util.List;

import kvmsh.plan.ApplyException;
import kvmsh.plan.Applier;
import kvmsh.plan.Consent;
import kvmsh.plan.Plan;

/** {@code :apply}: converges the host to the session's declarations, as {@code kvmsh run} does. */
final class ApplyCommand implements MetaCommand {

    @Override
    public String name() {
        return "apply";
    }

    @Override
    public String usage() {
        return ":apply [--yes]";
    }

    @Override
    public String summary() {
        return "make the host match the session's declarations (undone if a step fails); steps that can lose data are asked about, or need --yes";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        Plan plan = session.plan().orElse(null);
        if (plan == null) {
            return;
        }
        if (!plan.problems().isEmpty()) {
            plan.problems().forEach(p -> session.out().error(p.toString()));
            session.out().error("nothing was changed.");
            return;
        }
        if (plan.isEmpty()) {
            session.out().println("No changes.");
            return;
        }
        List<String> risky = Consent.lines(plan);
        if (!risky.isEmpty() && !(args.contains("--yes") || args.contains("-y"))) {
            session.out().println(plan.render(session.out().colour()).stripTrailing());
            risky.forEach(l -> session.out().println("  " + l));
            String answer = session.ask(Consent.question(plan));
            if (!Consent.granted(answer)) {
                session.out().error(answer == null
                        ? "these steps can lose data and there is no terminal to ask on; nothing was changed — :apply --yes carries them out"
                        : "nothing was changed.");
                return;
            }
        }
        try {
            long start = System.nanoTime();
            new Applier(session.hypervisor(), line -> session.out().println("  " + line)).apply(plan);
            session.out().println(String.format("Applied %d change%s in %.1f s.", plan.changes(),
                    plan.changes() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
        } catch (ApplyException e) {
            session.out().error(e.getMessage());
            e.report("undone:").forEach(session.out()::error);
        }
    }
}
