package kvmsh.cli;

import java.util.Map;

import kvmsh.backend.DriverChoice;
import kvmsh.model.HostModel;
import kvmsh.plan.Action;
import kvmsh.plan.Backends;
import kvmsh.plan.HostState;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/** One host, as a script without {@code hypervisor} declarations has: {@code -c URI}, or the default. */
final class OneHost implements Site {

    private final Backends hv;
    private final DriverChoice choice;
    private final Planner planner;
    private final String label;
    private HostState before;

    /** The script's waitForSsh and ssh statements on this host, or null when no libvirt serves it. */
    private final kvmsh.ssh.SshStatements guests;

    OneHost(Backends hv, DriverChoice choice, String label, HostState before) {
        this(hv, choice, label, before, null);
    }

    OneHost(Backends hv, DriverChoice choice, String label, HostState before, kvmsh.ssh.SshStatements guests) {
        this.guests = guests;
        this.hv = hv;
        this.choice = choice;
        this.planner = new Planner(hv.digester());
        this.label = label;
        this.before = before;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Plan converge(HostModel model, boolean readAgain) {
        return planner.converge(model, readAgain ? hv.read() : before);
    }

    @Override
    public Plan down(HostModel model) {
        return planner.down(model, before);
    }

    @Override
    public String execute(Action step) {
        if (guests != null && step instanceof Action.RunOp r && kvmsh.ssh.SshStatements.handles(r.op())) {
            return guests.run(r.op());
        }
        return hv.execute(step);
    }

    @Override
    public String heading(String script) {
        return "Plan for " + script + " on " + label + ", " + choice.describe() + ":";
    }

    @Override
    public String render(Plan plan, boolean colour) {
        return plan.render(colour, hv::where);
    }

    @Override
    public Map<String, Object> describe(Map<String, Object> doc) {
        return doc;
    }

    /** The backends stay open: whoever opened them closes them. */
    @Override
    public void close() {
    }
}
