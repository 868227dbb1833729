package kvmsh.repl;

import java.util.List;
import java.util.Map;

import kvmsh.model.OpDef;
import kvmsh.model.Origin;

/** {@code :list}: the host's VMs and networks, as the {@code list()} statement shows them. */
final class ListCommand implements MetaCommand {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return ":list";
    }

    @Override
    public String summary() {
        return "list the host's VMs and networks, and which script manages them (every held connection's, with a HOST column)";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (session.hosts().size() > 1) {
            session.listEveryHost();
            return;
        }
        session.runOps(List.of(new OpDef(OpDef.Verb.LIST, null, Map.of(), new Origin(":list", 0, 0))));
    }
}
