package kvmsh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import kvmsh.dsl.ScriptLoader;
import kvmsh.dsl.ValidationEnv;
import kvmsh.host.SimulatedLinks;
import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.model.HostModel;
import kvmsh.plan.Applier;
import kvmsh.plan.HostState;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/**
 * kvmsh's side of the scale benchmark, in one fresh JVM, the way {@code kvmsh run} does it: read the
 * host, load the script (compile, run, validate), plan, apply; then read and plan again, which
 * must find no changes. Each phase is timed; {@code work} is the sum the plain loop is compared with.
 *
 * <p>Usage: {@code KvmshScale VMS NETWORKS [SCRIPT]}. Prints one {@code key=value} line. With
 * SCRIPT the workload is written there and left, so that a second run finds its compiled class in
 * the script cache ({@code KVMSH_CACHE_DIR}) as {@code kvmsh run} does; without, a new temporary
 * file is compiled every time.
 */
public final class KvmshScale {

    public static void main(String[] args) throws Exception {
        int vms = Integer.parseInt(args[0]);
        int nets = Integer.parseInt(args[1]);
        String uri = "test:///default";
        boolean kept = args.length > 2;
        Path script = kept ? Path.of(args[2]) : Files.createTempFile("kvmsh-bench-", ".kvm");
        Files.writeString(script, ScaleScript.text(vms, nets));
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(uri, SimulatedLinks.of(uri))) {
            Phases p = new Phases();
            HostState before = hv.read();
            p.lap("read");
            ValidationEnv env = name -> before.networks().containsKey(name);
            HostModel model = new ScriptLoader(env).load(script, List.of());
            p.lap("load");
            Planner planner = new Planner(hv.digester());
            Plan plan = planner.converge(model, before);
            p.lap("plan");
            new Applier(hv, line -> { }).apply(plan);
            p.lap("apply");
            p.put("work", p.get("read") + p.get("load") + p.get("plan") + p.get("apply"));
            Plan again = planner.converge(model, hv.read());
            p.lap("replan");
            if (again.changes() != 0) {
                throw new IllegalStateException("planning again found " + again.changes() + " changes");
            }
            p.put("changes", plan.changes());
            p.put("replanChanges", again.changes());
            p.put("rssMiB", Phases.peakRssMiB());
            System.out.println(p.line());
        } finally {
            if (!kept) {
                Files.deleteIfExists(script);
            }
        }
    }
}
