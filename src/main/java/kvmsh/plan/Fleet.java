package kvmsh.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hosts of a script that declares its hypervisors, each behind its own {@link Hypervisor}
 * (one libvirt connection per host). {@link #read} reads them all at once; {@link #execute} runs a
 * step of a plan across them ({@link Action.OnHost}) on its host, so one {@link Applier} applies the
 * whole plan (hosts concurrently, each host's steps in dependency order) with one rollback.
 */
public final class Fleet implements AutoCloseable {

    /**
     * @param name       the script's name for the host
     * @param label      how messages name it (its URI, or "sandbox NAME")
     * @param hypervisor the connection
     */
    public record Member(String name, String label, Hypervisor hypervisor) {
    }

    private final Map<String, Member> members = new LinkedHashMap<>();

    /** @param members in the script's order */
    public Fleet(List<Member> members) {
        members.forEach(m -> this.members.put(m.name(), m));
    }

    /** The hosts' names, in the script's order. */
    public List<String> names() {
        return List.copyOf(members.keySet());
    }

    public Member member(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no hypervisor " + name);
        }
        return m;
    }

    /** Every host's snapshot, read at the same time, by host name in the script's order. */
    public Map<String, HostState> read() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, members.size()), r -> {
            Thread t = new Thread(r, "kvmsh-read");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<HostState>> reads = new LinkedHashMap<>();
            members.forEach((name, m) -> reads.put(name, pool.submit(() -> m.hypervisor().read())));
            Map<String, HostState> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<HostState>> r : reads.entrySet()) {
                try {
                    out.put(r.getKey(), r.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof HostUnreachableException u) {
                        throw new HostUnreachableException("hypervisor " + r.getKey() + ": " + u.getMessage(), u);
                    }
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the hosts", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each host's digester, by host name. */
    public Map<String, Digester> digesters() {
        Map<String, Digester> out = new LinkedHashMap<>();
        members.forEach((name, m) -> out.put(name, m.hypervisor().digester()));
        return out;
    }

    /**
     * Carries out a step of a plan across the hosts on its host (see {@link Hypervisor#execute}); a
     * migration between its two hosts ({@link Hypervisor#migrate}), showing what it measured.
     */
    public String execute(Action action) {
        if (!(action instanceof Action.OnHost on)) {
            throw new IllegalArgumentException("a step without its host: " + action.describe());
        }
        if (on.step() instanceof Action.MigrateDomain m) {
            MigrationReport r = member(m.from()).hypervisor().migrate(m.vm(), member(m.to()).hypervisor(), m.options(),
                    MigrationProgress.NONE); // each host shows its own progress (its kvmsh.progress waits)
            // The script's names for the hosts, not their URIs.
            r = new MigrationReport(r.vm(), m.from(), m.to(), r.live(), r.elapsedMillis(), r.downtimeMillis(),
                    r.memoryBytes(), r.diskBytes(), r.copiedVolumes(), r.notes());
            StringBuilder shown = new StringBuilder(r.summary());
            r.notes().forEach(n -> shown.append('\n').append("note: ").append(n));
            return shown.toString();
        }
        return member(on.host()).hypervisor().execute(on.step());
    }

    /** What stands in the way of moving {@code vm} from host {@code from} to {@code to} (the hosts' own checks). */
    public List<String> migrationProblems(String vm, String from, String to, MigrationOptions options,
                                          PlannedOnTarget planned) {
        return member(from).hypervisor().migrationProblems(vm, member(to).hypervisor(), options, planned);
    }

    @Override
    public void close() {
        List<RuntimeException> failed = new ArrayList<>();
        for (Member m : members.values()) {
            try {
                m.hypervisor().close();
            } catch (RuntimeException e) {
                failed.add(e);
            }
        }
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
    }
}
