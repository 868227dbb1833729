package kvmsh.repl;

import java.util.List;

/** {@code :xml vm|network NAME}: the libvirt XML of a live domain or network. */
final class XmlCommand implements MetaCommand {

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public String usage() {
        return ":xml vm|network NAME";
    }

    @Override
    public String summary() {
        return "show the libvirt XML of a VM or network on the host";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        if (index == 0) {
            return List.of("vm", "network");
        }
        if (index == 1) {
            return List.copyOf(session.names(before.get(0).equals("network") ? kvmsh.dsl.Values.Kind.NETWORK : kvmsh.dsl.Values.Kind.VM));
        }
        return List.of();
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.size() != 2 || !List.of("vm", "network").contains(args.get(0))) {
            session.out().error("usage: " + usage());
            return;
        }
        HostQueries q = session.queries();
        String xml = args.get(0).equals("vm") ? q.domainXml(args.get(1)) : q.networkXml(args.get(1));
        session.out().println(xml.stripTrailing());
    }
}
