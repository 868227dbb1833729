package kvmsh.repl;

import java.util.ArrayList;
import java.util.List;

/** {@code :forget NAME}: drops the session's declarations of that name and a variable or function of it. */
final class ForgetCommand implements MetaCommand {

    @Override
    public String name() {
        return "forget";
    }

    @Override
    public String usage() {
        return ":forget NAME…";
    }

    @Override
    public String summary() {
        return "drop the session's declarations (and variables) of these names; the host is not touched";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        List<String> names = new ArrayList<>();
        for (String d : session.dsl().declarations()) {
            names.add(d.substring(d.indexOf('\'') + 1, d.length() - 1));
        }
        names.addAll(session.variables());
        return names;
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.isEmpty()) {
            session.out().error("usage: " + usage());
            return;
        }
        for (String name : args) {
            List<String> gone = session.forget(name);
            if (gone.isEmpty()) {
                session.out().error(":forget: the session declares nothing named '" + name + "' — :show lists what it declares");
            } else {
                session.out().info("forgot " + String.join(", ", gone));
            }
        }
    }
}
