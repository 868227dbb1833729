package kvmsh.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kvmsh.model.HostModel;
import kvmsh.model.HypervisorDef;
import kvmsh.model.Problem;
import kvmsh.plan.HostUnreachableException;
import kvmsh.sandbox.SandboxException;
import kvmsh.plan.Action;
import kvmsh.plan.ApplyException;
import kvmsh.plan.Fleet;
import kvmsh.plan.FleetPlanner;
import kvmsh.plan.HostState;
import kvmsh.plan.Plan;
import kvmsh.plan.PlanText;

/** The hosts a script declares with {@code hypervisor}: one plan across them, grouped by host. */
final class Hosts implements Site {

    private final Fleet fleet;
    private final FleetPlanner planner;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> uris;
    private final Map<String, HostState> before;
    private final kvmsh.host.ApplyLock lock;
    private final kvmsh.progress.Waits waits;
    /** Each host's waitForSsh and ssh statements, made when the first runs there. */
    private final Map<String, kvmsh.ssh.SshStatements> guests = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param uris each host's URI as the script gives it, by name
     * @param lock the hosts' apply locks, held until {@link #close}
     */
    Hosts(Fleet fleet, Map<String, String> uris, Map<String, HostState> before, kvmsh.host.ApplyLock lock,
          kvmsh.progress.Waits waits) {
        this.waits = waits;
        this.fleet = fleet;
        this.lock = lock;
        this.planner = new FleetPlanner(fleet.digesters(), fleet::migrationProblems);
        this.uris = Map.copyOf(uris);
        this.before = before;
        fleet.names().forEach(n -> labels.put(n, fleet.member(n).label()));
    }

    /**
     * Connects to every declared host (bringing up a {@code sandbox:NAME} that is down) and reads
     * them all, before anything changes anywhere. A host that cannot be reached is a located error
     * at its declaration with libvirt's reason; all such hosts are reported at once. A hypervisor
     * name declared twice is connected once (validation reports the second).
     */
    static Hosts connect(List<HypervisorDef> declared, String connectOption, PrintWriter progress,
                         kvmsh.progress.Waits waits,
                         java.util.function.Function<List<String>, kvmsh.host.ApplyLock> locker) {
        if (connectOption != null && !connectOption.isBlank()) {
            throw new ScriptErrors(List.of(new Problem(declared.get(0).origin(), "-c " + connectOption
                    + " names a host, and this script declares its own hypervisors",
                    "run it without -c: each hypervisor line names its host")), ExitCodes.USAGE);
        }
        List<Fleet.Member> members = new ArrayList<>();
        List<Problem> unreachable = new ArrayList<>();
        Map<String, String> uris = new LinkedHashMap<>();
        for (HypervisorDef h : declared) {
            if (uris.containsKey(h.name())) {
                continue;
            }
            uris.put(h.name(), h.uri());
            try {
                String sandbox = Target.sandboxName(h.uri());
                Target t = sandbox != null ? Target.forSandbox(sandbox, progress) : Target.forUri(h.uri());
                members.add(new Fleet.Member(h.name(), t.label(),
                        kvmsh.libvirt.LibvirtHypervisor.connect(t.uri(), t.links(), waits).named(h.name())));
            } catch (HostUnreachableException | SandboxException e) {
                // libvirt's own words; the hints for -c (start libvirtd, try test:///default) do not fit here.
                String why = e.getCause() instanceof org.libvirt.LibvirtException le
                        ? "cannot connect to " + h.uri() + ": " + kvmsh.libvirt.LibvirtErrors.describe(le) : e.getMessage();
                unreachable.add(new Problem(h.origin(), "hypervisor '" + h.name() + "' cannot be reached: "
                        + why.strip().replaceAll("\\s*\\R\\s*", "; ").replaceAll("\\.$", ""),
                        kvmsh.libvirt.Uris.sshLogin(h.uri())
                                .map(ssh -> "check that `" + ssh + "` logs in without a prompt and that libvirt runs there")
                                .orElse("check its uri and that libvirt runs there") + "; nothing was changed on any host"));
            }
        }
        Fleet fleet = new Fleet(members);
        if (!unreachable.isEmpty()) {
            fleet.close();
            throw new ScriptErrors(unreachable, ExitCodes.HOST_UNREACHABLE);
        }
        kvmsh.host.ApplyLock lock = null;
        try {
            // Every host's lock before any is read: the plan is made against hosts no other kvmsh changes.
            lock = locker.apply(members.stream().flatMap(m -> m.hypervisor().lockKeys().stream()).distinct().toList());
            return new Hosts(fleet, uris, fleet.read(), lock, waits);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            fleet.close();
            throw e;
        }
    }

    /** Everything the hosts have, in one snapshot: what validation asks (does network X exist somewhere?). */
    HostState union() {
        return HostState.union(label(), before.values());
    }

    /**
     * What each host answers validation on its own: a vm's memory and CPUs are checked against the
     * hypervisor it is on (its node info, its vCPU limit, the VM it may already have there).
     */
    Map<String, kvmsh.libvirt.HostValidationEnv> validationEnvs() {
        Map<String, kvmsh.libvirt.HostValidationEnv> envs = new LinkedHashMap<>();
        for (String n : fleet.names()) {
            kvmsh.libvirt.HostLimits limits = kvmsh.libvirt.HostLimits.of(fleet.member(n).hypervisor());
            envs.put(n, new kvmsh.libvirt.HostValidationEnv(() -> before.get(n), () -> limits));
        }
        return envs;
    }

    @Override
    public String label() {
        return "hypervisors " + String.join(", ", fleet.names());
    }

    @Override
    public Plan converge(HostModel model, boolean readAgain) {
        return planner.converge(model, readAgain ? fleet.read() : before);
    }

    @Override
    public Plan down(HostModel model) {
        return planner.down(model, before);
    }

    @Override
    public String execute(Action step) {
        if (step instanceof Action.OnHost on && on.step() instanceof Action.RunOp r && kvmsh.ssh.SshStatements.handles(r.op())
                && fleet.member(on.host()).hypervisor() instanceof kvmsh.libvirt.LibvirtHypervisor hv) {
            return guests.computeIfAbsent(on.host(), h -> GuestAccess.statements(uris.get(h), hv, waits)).run(r.op());
        }
        return fleet.execute(step);
    }

    @Override
    public String heading(String script) {
        return "Plan for " + script + " on " + fleet.names().size() + " hypervisors, networks by libvirt:";
    }

    @Override
    public String render(Plan plan, boolean colour) {
        return PlanText.renderByHost(plan, colour, labels);
    }

    @Override
    public Map<String, Object> describe(Map<String, Object> doc) {
        Map<String, String> ordered = new LinkedHashMap<>();
        fleet.names().forEach(n -> ordered.put(n, uris.get(n)));
        return kvmsh.plan.PlanJson.withHypervisors(doc, ordered);
    }

    /** The hosts on which nothing had to be undone, so every host is accounted for. */
    @Override
    public List<String> afterFailure(ApplyException e) {
        if (e.undoneSteps().isEmpty()) {
            return List.of();
        }
        return fleet.names().stream()
                .filter(n -> e.undoneSteps().stream().noneMatch(a -> a instanceof Action.OnHost h && (h.host().equals(n)
                        // A migration back touched both of its hosts.
                        || h.step() instanceof Action.MigrateDomain m && (m.from().equals(n) || m.to().equals(n)))))
                .map(n -> "nothing to undo on " + n + ".")
                .toList();
    }

    @Override
    public void close() {
        try {
            fleet.close();
        } finally {
            lock.close();
        }
    }
}
