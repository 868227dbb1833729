package kvmsh.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kvmsh.dsl.DslException;
import kvmsh.dsl.LoadedScript;
import kvmsh.dsl.EvaluatedScript;
import kvmsh.dsl.ValidationEnv;
import kvmsh.host.ProcessRunner;
import kvmsh.hostnet.HostNetworkDriver;
import kvmsh.hostnet.HostNetworkStatus;
import kvmsh.hostnet.RunDirectory;
import kvmsh.model.NetworkDef;
import kvmsh.model.OpDef;

/**
 * {@code plan}, {@code run} and {@code down} of a script that the host network driver serves
 * instead of libvirt: raw-qemu hosts. A script is served here when it declares no VMs, uses no
 * statement but {@code attach}/{@code detach}, and targets this machine's default libvirt URI, and
 * one of: it has a {@code hook}; no libvirtd socket is there; or every network it names is one the
 * host driver already runs; or a network says {@code driver 'host'} (and none {@code 'libvirt'}).
 * Anything else goes to libvirt as before.
 */
final class HostDriverRun {

    /** Where libvirt's daemons listen; none of them means no libvirtd is reachable. */
    static final List<Path> LIBVIRT_SOCKETS = List.of(Path.of("/run/libvirt/libvirt-sock"),
            Path.of("/run/libvirt/virtqemud-sock"), Path.of("/run/libvirt/virtnetworkd-sock"));

    private final LoadedScript script;
    private final HostNetworkDriver driver;
    private final String why;

    private HostDriverRun(LoadedScript script, HostNetworkDriver driver, String why) {
        this.script = script;
        this.driver = driver;
        this.why = why;
    }

    /** The host-driver run of {@code file}, or empty when libvirt should serve it. */
    static Optional<HostDriverRun> choose(EvaluatedScript evaluated, String uri, Map<String, String> env) {
        if (!uri.equals("qemu:///system")) {
            // A driver 'host' network is refused there by libvirt's planner, with its location.
            return Optional.empty();
        }
        String dir = env.get("KVMSH_RUN_DIR");
        RunDirectory run = dir == null || dir.isBlank() ? RunDirectory.standard() : new RunDirectory(Path.of(dir));
        ValidationEnv known = name -> Files.isRegularFile(run.network(name).resolve("network.properties"));
        LoadedScript script;
        try {
            script = evaluated.validate(known);
        } catch (DslException e) {
            return Optional.empty(); // libvirt's path reports the errors, with the host's networks known
        }
        boolean onlyMoves = script.model().ops().stream().allMatch(o -> o.verb() == OpDef.Verb.MOVE_NIC);
        List<NetworkDef.Driver> drivers = script.model().networks().stream().map(NetworkDef::driver).toList();
        if (!script.model().vms().isEmpty() || !onlyMoves || drivers.contains(NetworkDef.Driver.LIBVIRT)) {
            // (A driver 'host' network with VMs or libvirt statements is a script error already.)
            return Optional.empty();
        }
        List<String> named = new ArrayList<>(script.model().networks().stream().map(NetworkDef::name).toList());
        script.model().ops().stream().map(o -> o.options().get("to")).filter(t -> t != null).forEach(named::add);
        String why;
        if (drivers.contains(NetworkDef.Driver.HOST)) {
            why = "driver 'host'";
        } else if (!script.hooks().isEmpty()) {
            why = "a hook script";
        } else if (LIBVIRT_SOCKETS.stream().noneMatch(Files::exists)) {
            why = "no libvirtd socket in /run/libvirt";
        } else if (!named.isEmpty() && named.stream().allMatch(known::networkExists)) {
            why = "its networks are the host driver's";
        } else if (named.isEmpty() && !script.model().ops().isEmpty()
                && script.model().ops().stream().allMatch(o -> o.options().get("to") == null)) {
            why = "detach needs no network";
        } else {
            return Optional.empty();
        }
        return Optional.of(new HostDriverRun(script, new HostNetworkDriver(new ProcessRunner(), run), why));
    }

    /** One line per network and statement, like libvirt's plan, each naming its driver. */
    int plan(PrintWriter out, String name) {
        out.println("Plan for " + name + " on this host, host driver (" + why + "):");
        for (NetworkDef n : script.model().networks()) {
            HostNetworkStatus s = driver.status(n.name());
            out.println("  " + (s.known() ? "~ ensure" : "+ create") + " network " + n.name() + " (" + describe(n)
                    + ") — host driver: bridge, nft table inet kvmsh" + (n.dhcp() != null || !n.hosts().isEmpty()
                    ? ", dnsmasq" : ""));
        }
        script.hooks().forEach(h -> out.println("  = hook: a tap joins network " + h.network() + " — host driver"));
        script.model().ops().forEach(o -> out.println("  > " + describe(o)));
        out.flush();
        return ExitCodes.OK;
    }

    int run(PrintWriter out, PrintWriter err, String name) {
        try {
            for (NetworkDef n : script.model().networks()) {
                driver.up(n);
                out.println("  up network " + n.name() + " (" + describe(n) + ") — host driver");
            }
            for (OpDef o : script.model().ops()) {
                String to = o.options().get("to");
                if (to == null) {
                    int left = driver.detachTap(o.target());
                    out.println("  detach " + o.target() + " (" + left + " ports left on its bridge)");
                } else {
                    driver.attachTap(o.target(), to);
                    out.println("  attach " + o.target() + " to network " + to);
                }
            }
        } catch (RuntimeException e) {
            err.println("kvmsh: " + name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.APPLY_FAILED;
        }
        out.flush();
        return ExitCodes.OK;
    }

    int down(PrintWriter out, PrintWriter err, String name) {
        try {
            List<NetworkDef> nets = new ArrayList<>(script.model().networks());
            java.util.Collections.reverse(nets);
            for (NetworkDef n : nets) {
                driver.down(n.name());
                out.println("  - network " + n.name() + " — host driver");
            }
        } catch (RuntimeException e) {
            err.println("kvmsh: " + name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.APPLY_FAILED;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String describe(NetworkDef n) {
        return n.mode().keyword() + " " + (n.cidr() == null ? (n.ownsBridge() ? "no host address" : "") : n.cidr())
                + ", bridge " + n.bridge();
    }

    private static String describe(OpDef o) {
        String to = o.options().get("to");
        return to == null ? "detach " + o.target() : "attach " + o.target() + " to " + to;
    }
}
