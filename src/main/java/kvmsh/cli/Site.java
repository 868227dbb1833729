package kvmsh.cli;

import java.util.Map;

import kvmsh.model.HostModel;
import kvmsh.plan.Action;
import kvmsh.plan.Plan;

/**
 * Where run, plan and down work: one host (a {@code -c URI} or the default, {@link OneHost}) or the
 * hosts a script declares ({@link Hosts}). Each plans against what it read, carries out steps, and
 * says how plans name it; the commands do the rest the same way for both.
 */
interface Site extends AutoCloseable {

    /** How messages name the host(s): a URI, "sandbox NAME", or "hypervisors a, b". */
    String label();

    /** The plan converging to {@code model}, against what was read before (the first time) or read afresh. */
    Plan converge(HostModel model, boolean readAgain);

    /** The plan removing what {@code model} declares and kvmsh owns. */
    Plan down(HostModel model);

    /** Carries out one step of a plan made here. */
    String execute(Action step);

    /** The plan's heading line: "Plan for FILE on HOST, networks by libvirt:". */
    String heading(String script);

    /** The printed plan. */
    String render(Plan plan, boolean colour);

    /** Adds what a JSON plan says about the host(s) to {@code doc} (see {@code docs/plan.schema.json}). */
    Map<String, Object> describe(Map<String, Object> doc);

    /** Lines to add after a failed apply's report (hosts on which nothing had to be undone). */
    default java.util.List<String> afterFailure(kvmsh.plan.ApplyException e) {
        return java.util.List.of();
    }

    @Override
    void close();
}
