package kvmsh.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import kvmsh.model.HostModel;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/** {@code kvmsh run FILE}: converge the host to FILE, then run its statements. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Converge the host to what FILE declares, then run FILE's statements in order.")
final class RunCommand extends ScriptCommand {

    @Option(names = "--verify", description = "after applying, plan again and fail unless nothing is left to change")
    boolean verify;

    @Option(names = {"-y", "--yes"}, description = "carry out steps that can lose data without asking (deleting a volume, powering off a VM, …)")
    boolean yes;

    @Override
    int hostDriver(HostDriverRun host) {
        return host.run(out(), err(), scriptName());
    }

    @Override
    int work(Hypervisor hv, Planner planner, HostModel model, HostState before) {
        Plan plan = planner.converge(model, before);
        refuseProblems(plan, hv.uri());
        if (plan.isEmpty()) {
            out().println(scriptName() + ": " + label + " already matches. No changes.");
            out().flush();
            return ExitCodes.OK;
        }
        if (!consented(plan, yes)) {
            return ExitCodes.CONSENT_MISSING;
        }
        plan.notes().forEach(n -> out().println("  note: " + n));
        long start = System.nanoTime();
        int applied = apply(hv, plan, "undone:");
        if (applied != ExitCodes.OK) {
            return applied;
        }
        out().printf("Applied %d change%s to %s in %.1f s.%n", plan.changes(), plan.changes() == 1 ? "" : "s",
                label, (System.nanoTime() - start) / 1e9);
        if (verify) {
            Plan again = planner.converge(new HostModel(model.script(), model.networks(), model.vms(),
                    java.util.List.of(), model.pools()), hv.read());
            if (again.changes() > 0) {
                err().println("kvmsh: verify: the host still differs after applying:");
                err().print(again.render());
                err().flush();
                return ExitCodes.APPLY_FAILED;
            }
            out().println("Verified: planning again finds no changes.");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
