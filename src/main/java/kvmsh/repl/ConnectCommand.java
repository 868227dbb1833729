package kvmsh.repl;

import java.util.List;

import kvmsh.plan.HostUnreachableException;

/**
 * {@code :connect URI}: switch to another hypervisor; the session's declarations stay.
 * {@code :connect NAME URI}: hold another connection, named, and make it the current one;
 * {@code :connect NAME} goes back to a held one.
 */
final class ConnectCommand implements MetaCommand {

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String usage() {
        return ":connect [NAME] URI";
    }

    @Override
    public String summary() {
        return "connect to another libvirt URI (the declarations stay); with NAME, hold several (:hosts)";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        if (index == 0) {
            List<String> out = new java.util.ArrayList<>(session.hosts().keySet());
            out.addAll(kvmsh.libvirt.Uris.WELL_KNOWN);
            return out;
        }
        return index == 1 ? kvmsh.libvirt.Uris.WELL_KNOWN : List.of();
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        try {
            connect(session, args);
        } catch (HostUnreachableException e) {
            if (!e.advised()) {
                throw e;
            }
            // The command line's advice names its -c flag; here the user connects with :connect.
            String uri = args.get(args.size() - 1);
            session.out().error(":connect: " + e.reason() + " Start libvirtd, then :connect " + uri
                    + " again, or try libvirt's simulated host with :connect test:///default.");
        }
    }

    private void connect(ReplSession session, List<String> args) {
        if (args.size() == 2) {
            session.connect(args.get(0), args.get(1));
            session.out().info("connected to " + args.get(1) + " as " + args.get(0) + " (:hosts lists the connections)");
            return;
        }
        if (args.size() != 1) {
            session.out().error("usage: " + usage() + " (now " + session.currentHost() + ", " + session.hypervisor().uri() + ")");
            return;
        }
        if (session.use(args.get(0))) {
            session.out().info("now on " + args.get(0) + " (" + session.hypervisor().uri() + ")");
            return;
        }
        session.connect(args.get(0));
        session.out().info("connected to " + args.get(0));
    }
}
