package kvmsh.plan;

/**
 * The seam between plans and a real host (in the manner of job-dsl's JobManagement): read what is
 * there, carry out one step. {@code kvmsh.libvirt.LibvirtHypervisor} is the implementation; tests
 * use it against libvirt's built-in {@code test:///default} driver or a sandboxed libvirtd.
 */
public interface Hypervisor extends AutoCloseable {

    /** The URI this hypervisor is connected to. */
    String uri();

    /** Reads a fresh snapshot of the host. */
    HostState read();

    /**
     * Carries out one step.
     *
     * @return text the step wants shown to the user (e.g. {@code list} output), or "" for none
     * @throws StepFailedException with one clear line when the host refuses the step
     */
    String execute(Action action);

    /**
     * What stands in the way of moving VM {@code vm} from this host to {@code target} (its
     * networks missing there, the same host UUID, a CPU model or machine type the target cannot
     * run, a volume that cannot be made there), one line each; empty when it can move. Nothing
     * changes on either host.
     */
    default java.util.List<String> migrationProblems(String vm, Hypervisor target, MigrationOptions options) {
        return migrationProblems(vm, target, options, PlannedOnTarget.NOTHING);
    }

    /**
     * As {@link #migrationProblems(String, Hypervisor, MigrationOptions)}, taking what a plan makes
     * on the target before the move ({@code planned}: networks and pools) as already there.
     */
    default java.util.List<String> migrationProblems(String vm, Hypervisor target, MigrationOptions options,
                                                     PlannedOnTarget planned) {
        return java.util.List.of(uri() + " cannot migrate VMs");
    }

    /**
     * Moves VM {@code vm} to {@code target}: a running VM by live migration (disks copied as
     * {@code options} say), a stopped one by its definition and its volumes. Afterwards it is
     * defined on the target with kvmsh's ownership metadata and no longer on this host. A failure
     * leaves it where it was, with nothing made on the target left behind.
     *
     * @throws StepFailedException with one line, naming the check or the step that failed
     */
    default MigrationReport migrate(String vm, Hypervisor target, MigrationOptions options, MigrationProgress progress) {
        throw new StepFailedException(uri() + " cannot migrate VMs");
    }

    /**
     * What names this host for kvmsh's one-apply-at-a-time lock ({@code kvmsh.host.ApplyLock}): two kvmsh
     * changing the same host hold the same key. Empty for a host no other process can see.
     */
    default java.util.List<String> lockKeys() {
        return java.util.List.of(uri());
    }

    /** SHA-256 digests of what the renderer makes of a declaration (the planner compares these). */
    Digester digester();

    @Override
    void close();
}
