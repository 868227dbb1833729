package kvmsh.repl;

import java.util.List;

/** {@code :reset}: the session starts over; its connections and the host stay as they are. */
final class ResetCommand implements MetaCommand {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String usage() {
        return ":reset";
    }

    @Override
    public String summary() {
        return "forget every declaration, variable and function of the session; the host and connections stay";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        int declared = session.dsl().declarations().size();
        int variables = session.variables().size();
        session.reset();
        session.out().info("forgot " + declared + " declaration(s) and " + variables
                + " variable(s); the host is unchanged (:list shows it)");
    }
}
