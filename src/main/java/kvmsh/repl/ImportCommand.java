package kvmsh.repl;

import java.util.ArrayList;
import java.util.List;
import kvmsh.dsl.save.ScriptWriter;
import kvmsh.libvirt.HostImport;
import kvmsh.plan.HostUnreachableException;
import kvmsh.plan.StepFailedException;

/**
 * {@code :import [NAME…]}: declares the host's networks, VMs and pools in the session, as
 * {@code kvmsh import} writes them ({@code :save} then writes them to a file; {@code :apply} of an
 * object kvmsh does not manage still needs {@code adopt true}).
 */
final class ImportCommand implements MetaCommand {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String usage() {
        return ":import [NAME…]";
    }

    @Override
    public String summary() {
        return "declare the host's networks, VMs and pools (or those NAMEs) in this session, as kvmsh import writes them";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        List<String> names = new ArrayList<>(session.names(kvmsh.dsl.Values.Kind.VM));
        names.addAll(session.names(kvmsh.dsl.Values.Kind.NETWORK));
        return names;
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        HostImport.Result r;
        try {
            var hv = session.hypervisor();
            r = HostImport.of(hv.read(), hv.storage(), args, "repl");
        } catch (StepFailedException | HostUnreachableException e) {
            session.out().error(":import: " + e.getMessage());
            return;
        }
        if (!r.unknownNames().isEmpty()) {
            session.out().error(":import: the host has no VM, network or pool named "
                    + String.join(", ", r.unknownNames()));
            return;
        }
        session.evaluate(ScriptWriter.write(r.model(), r.comments()), "import", null);
    }
}
