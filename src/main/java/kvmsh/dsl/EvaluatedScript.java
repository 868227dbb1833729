package kvmsh.dsl;

import kvmsh.model.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;

/**
 * A script that has run once (its declarations collected, nothing on a host touched), ready to be
 * validated against a host. The CLI checks one evaluation against the host network driver and
 * then, if that does not serve it, against libvirt: the script's code runs only once.
 */
public final class EvaluatedScript {

    private final DslSession session;
    private final String fileName;
    private final List<Problem> evalProblems;

    EvaluatedScript(DslSession session, String fileName, List<Problem> evalProblems) {
        this.session = session;
        this.fileName = fileName;
        this.evalProblems = List.copyOf(evalProblems);
    }

    /** The script's {@code hypervisor} declarations as written (empty: it runs on the one host of {@code -c}). */
    public List<kvmsh.model.HypervisorDef> hypervisors() {
        return session.hypervisors();
    }

    /**
     * The model and hooks, validated against {@code host}.
     *
     * @throws DslException with every problem at once, in source order
     */
    public LoadedScript validate(ValidationEnv host) {
        List<Problem> problems = new ArrayList<>(evalProblems);
        HostModel model = null;
        List<HookDef> hooks = List.of();
        try {
            model = session.model(fileName, host);
        } catch (DslException e) {
            problems.addAll(e.diagnostics());
        }
        try {
            hooks = session.hooks();
        } catch (DslException e) {
            problems.addAll(e.diagnostics());
        }
        if (model != null) {
            // A hook runs its network with kvmsh's host driver.
            for (HookDef hook : hooks) {
                if (!kvmsh.model.HostNames.isNetworkName(hook.network())) {
                    problems.add(new Problem(hook.origin(), "hook network name '" + hook.network()
                            + "' cannot be used by kvmsh's host network driver", kvmsh.model.HostNames.NETWORK_RULE));
                }
                model.network(hook.network())
                        .filter(n -> n.driver() != NetworkDef.Driver.HOST && n.mode() != kvmsh.model.NetworkMode.BRIDGE
                                && !kvmsh.model.HostNames.isIfname(n.bridge()))
                        .ifPresent(n -> problems.add(new Problem(hook.origin(), "bridge name '" + n.bridge()
                                + "' of network '" + n.name() + "' cannot be used by kvmsh's host network driver",
                                kvmsh.model.HostNames.IFNAME_RULE)));
                model.network(hook.network()).filter(n -> n.driver() == NetworkDef.Driver.LIBVIRT).ifPresent(n ->
                        problems.add(new Problem(hook.origin(), "hook runs network '" + n.name()
                                + "' with kvmsh's host driver, but the network says driver 'libvirt'",
                                "remove driver 'libvirt' (a hook's network is the host driver's)")));
            }
        }
        if (problems.isEmpty()) {
            return new LoadedScript(model, hooks);
        }
        // Like compiler output: in source order, whichever check found them.
        problems.sort(Comparator.comparingInt((Problem d) -> d.origin().line())
                .thenComparingInt(d -> d.origin().column()));
        throw new DslException(problems);
    }
}
