package kvmsh.cli;

import picocli.CommandLine.Command;

import kvmsh.model.HostModel;
import kvmsh.plan.ApplyException;
import kvmsh.plan.Applier;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/** {@code kvmsh down FILE}: remove exactly what FILE declares (and kvmsh manages), in reverse order. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove what FILE declares and kvmsh manages, in reverse order; nothing else.")
final class DownCommand extends ScriptCommand {

    @Override
    int hostDriver(HostDriverRun host) {
        return host.down(out(), err(), scriptName());
    }

    @Override
    int work(Hypervisor hv, Planner planner, HostModel model, HostState before) {
        Plan plan = planner.down(model, before);
        plan.notes().forEach(n -> out().println("  note: " + n));
        if (plan.isEmpty()) {
            out().println(scriptName() + ": nothing of it is on " + hv.uri() + ".");
            out().flush();
            return ExitCodes.OK;
        }
        try {
            new Applier(hv, line -> {
                out().println("  " + line);
                out().flush();
            }).apply(plan);
        } catch (ApplyException e) {
            err().println("kvmsh: " + scriptName() + ": " + e.getMessage());
            err().println(e.undone().isEmpty() ? "nothing had been removed before it." : "restored:");
            e.undone().forEach(u -> err().println("  " + u));
            e.rollbackFailures().forEach(f -> err().println("could not restore: " + f));
            err().flush();
            return ExitCodes.APPLY_FAILED;
        }
        out().printf("Removed %s from %s (%d steps).%n", scriptName(), hv.uri(), plan.changes());
        out().flush();
        return ExitCodes.OK;
    }
}
