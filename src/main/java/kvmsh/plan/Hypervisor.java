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

    /** SHA-256 digests of what the renderer makes of a declaration (the planner compares these). */
    Digester digester();

    @Override
    void close();
}
