package kvmsh.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import kvmsh.dsl.DslException;
import kvmsh.dsl.EvaluatedScript;
import kvmsh.dsl.LoadedScript;
import kvmsh.dsl.ValidationEnv;
import kvmsh.host.ProcessRunner;
import kvmsh.hostnet.HostDriverBackend;
import kvmsh.hostnet.RunDirectory;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.OpDef;
import kvmsh.plan.Backends;
import kvmsh.plan.Hypervisor;

/**
 * Which backend serves a script: the policy beside the planner, so that neither the CLI nor the
 * planner decides it. A script goes to kvmsh's host network driver when it declares no VMs, uses no
 * statement but {@code attach}/{@code detach}, targets this machine's {@code qemu:///system}, and
 * one of: a network says {@code driver 'host'} (and none {@code 'libvirt'}); it has a {@code hook};
 * no libvirtd socket is in {@code /run/libvirt}; every network it names is one the host driver
 * already runs; or it only detaches. Anything else goes to libvirt.
 * <p>
 * The result is a {@link Backends}: one plan, one apply and one rollback over whichever backends
 * take part (the host driver's networks and libvirt's VMs of one script could share a plan the same
 * way; the DSL refuses that mix today).
 */
public final class DriverChoice {

    /** Where libvirt's daemons listen; none of them means no libvirtd is reachable. */
    static final List<Path> LIBVIRT_SOCKETS = List.of(Path.of("/run/libvirt/libvirt-sock"),
            Path.of("/run/libvirt/virtqemud-sock"), Path.of("/run/libvirt/virtnetworkd-sock"));

    /** The backend named in plans for libvirt. */
    public static final String LIBVIRT = "libvirt";

    private final Backends backends;
    private final String why;

    private DriverChoice(Backends backends, String why) {
        this.backends = backends;
        this.why = why;
    }

    /**
     * The backends for {@code evaluated} on {@code uri}.
     *
     * @param libvirt connects to libvirt; called only when the choice needs it
     */
    public static DriverChoice choose(EvaluatedScript evaluated, String uri, Map<String, String> env,
                                      Supplier<Hypervisor> libvirt) {
        RunDirectory run = RunDirectory.fromEnv(env);
        String why = hostDriverReason(evaluated, uri, run);
        if (why == null) {
            Hypervisor hv = libvirt.get();
            return new DriverChoice(new Backends(hv.uri(), Map.of(LIBVIRT, hv), Map.of()), null);
        }
        HostDriverBackend host = new HostDriverBackend(new ProcessRunner(), run);
        return new DriverChoice(new Backends("this host", Map.of(HostDriverBackend.NAME, host), Map.of()), why);
    }

    /** Why the host driver serves the script, or null when libvirt does. */
    private static String hostDriverReason(EvaluatedScript evaluated, String uri, RunDirectory run) {
        if (!uri.equals("qemu:///system")) {
            // A driver 'host' network is refused there by libvirt's backend, with its location.
            return null;
        }
        ValidationEnv known = name -> Files.isRegularFile(run.network(name).resolve("network.properties"));
        LoadedScript script;
        try {
            script = evaluated.validate(known);
        } catch (DslException e) {
            return null; // libvirt's path reports the errors, with the host's networks known
        }
        HostModel model = script.model();
        boolean onlyMoves = model.ops().stream().allMatch(o -> o.verb() == OpDef.Verb.MOVE_NIC);
        List<NetworkDef.Driver> drivers = model.networks().stream().map(NetworkDef::driver).toList();
        if (!model.vms().isEmpty() || !onlyMoves || drivers.contains(NetworkDef.Driver.LIBVIRT)) {
            // (A driver 'host' network with VMs or libvirt statements is a script error already.)
            return null;
        }
        List<String> named = new ArrayList<>(model.networks().stream().map(NetworkDef::name).toList());
        model.ops().stream().map(o -> o.options().get("to")).filter(t -> t != null).forEach(named::add);
        if (drivers.contains(NetworkDef.Driver.HOST)) {
            return "driver 'host'";
        } else if (!script.hooks().isEmpty()) {
            return "a hook script";
        } else if (LIBVIRT_SOCKETS.stream().noneMatch(Files::exists)) {
            return "no libvirtd socket in /run/libvirt";
        } else if (!named.isEmpty() && named.stream().allMatch(known::networkExists)) {
            return "its networks are the host driver's";
        } else if (named.isEmpty() && !model.ops().isEmpty()
                && model.ops().stream().allMatch(o -> o.options().get("to") == null)) {
            return "detach needs no network";
        }
        return null;
    }

    public Backends backends() {
        return backends;
    }

    /** True when kvmsh's host network driver serves the script. */
    public boolean hostDriver() {
        return why != null;
    }

    /** What a plan's heading says about who realizes the networks. */
    public String describe() {
        return why == null ? "networks by libvirt" : HostDriverBackend.NAME + " (" + why + ")";
    }

    /**
     * {@code model} as its backends realize it: the host driver starts nothing at boot, so its
     * networks do not autostart (and plan no autostart step).
     */
    public HostModel adapt(HostModel model) {
        if (why == null) {
            return model;
        }
        return new HostModel(model.script(), model.networks().stream().map(n -> n.withAutostart(false)).toList(),
                model.vms(), model.ops(), model.pools(), model.adoption(), model.placement(), model.project());
    }
}
