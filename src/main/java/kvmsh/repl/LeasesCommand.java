package kvmsh.repl;

import java.util.List;
import java.util.Map;

import kvmsh.model.OpDef;
import kvmsh.model.Origin;

/** {@code :leases NETWORK}: the DHCP leases of a network, as the {@code leases} statement shows them. */
final class LeasesCommand implements MetaCommand {

    @Override
    public String name() {
        return "leases";
    }

    @Override
    public String usage() {
        return ":leases NETWORK";
    }

    @Override
    public String summary() {
        return "show a network's DHCP leases";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        return index == 0 ? List.copyOf(session.names(kvmsh.dsl.Values.Kind.NETWORK)) : List.of();
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.size() != 1) {
            session.out().error("usage: " + usage());
            return;
        }
        session.runOps(List.of(new OpDef(OpDef.Verb.LEASES, args.get(0), Map.of(), new Origin(":leases", 0, 0))));
    }
}
