package kvmsh.repl;

import java.util.List;

/**
 * {@code :show}: what the session has declared (and its variables), then how that differs from the
 * current host, as {@code :plan} shows it.
 */
final class ShowCommand implements MetaCommand {

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String usage() {
        return ":show";
    }

    @Override
    public String summary() {
        return "what the session declares and its variables, and how that differs from the host (the plan)";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        List<String> declared = session.dsl().declarations();
        session.out().println(declared.isEmpty() ? "Declared: nothing yet."
                : "Declared: " + String.join(", ", declared) + ".");
        if (!session.variables().isEmpty()) {
            session.out().println("Variables: " + String.join(", ", session.variables()) + ".");
        }
        if (declared.isEmpty()) {
            return;
        }
        session.out().println("Against " + session.currentHost() + " (" + session.hypervisor().uri() + "):");
        PlanCommand.print(session);
    }
}
