package kvmsh.repl;

import java.util.List;

/** {@code :connect URI}: switch to another hypervisor; the session's declarations stay. */
final class ConnectCommand implements MetaCommand {

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String usage() {
        return ":connect URI";
    }

    @Override
    public String summary() {
        return "connect to another libvirt URI (the declarations stay)";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        return index == 0 ? kvmsh.libvirt.Uris.WELL_KNOWN : List.of();
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.size() != 1) {
            session.out().error("usage: " + usage() + " (now " + session.hypervisor().uri() + ")");
            return;
        }
        session.connect(args.get(0));
        session.out().info("connected to " + args.get(0));
    }
}
