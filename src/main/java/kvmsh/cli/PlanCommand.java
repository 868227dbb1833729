package kvmsh.cli;

import picocli.CommandLine.Command;

import kvmsh.model.HostModel;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/** {@code kvmsh plan FILE}: print what {@code run} would do, change nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the steps that running FILE would carry out; change nothing (the dry run).")
final class PlanCommand extends ScriptCommand {

    @Override
    int hostDriver(HostDriverRun host) {
        return host.plan(out(), scriptName());
    }

    @Override
    int work(Hypervisor hv, Planner planner, HostModel model, HostState before) {
        Plan plan = planner.converge(model, before);
        refuseProblems(plan, hv.uri());
        out().println("Plan for " + scriptName() + " on " + label + ", networks by libvirt:");
        out().print(plan.render());
        out().flush();
        return ExitCodes.OK;
    }
}
