package kvmsh.libvirt;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import kvmsh.dsl.ValidationEnv;
import kvmsh.plan.HostState;
import kvmsh.plan.HostUnreachableException;
import kvmsh.plan.StepFailedException;

/**
 * What validation asks a libvirt host: which networks and VMs it has, the images its domains use
 * (they exist there, which may not be this machine), a VM's memory now, and the host's limits.
 * The CLI answers from the snapshot it planned against, the REPL from its live connection; a host
 * that cannot be read then answers "none". A script with hypervisors is asked about the union of its
 * hosts, and about each host on its own ({@link #on}) for what differs between them: limits, VMs.
 */
public class HostValidationEnv implements ValidationEnv {

    private final Supplier<HostState> host;
    private final Supplier<HostLimits> limits;
    private final java.util.Map<String, HostValidationEnv> hypervisors;

    /** The snapshot the disk images below were read from. */
    private HostState imagesOf;
    private Set<String> images;

    public HostValidationEnv(Supplier<HostState> host, Supplier<HostLimits> limits) {
        this(host, limits, java.util.Map.of());
    }

    /** @param hypervisors what each hypervisor of the script answers on its own, by name */
    public HostValidationEnv(Supplier<HostState> host, Supplier<HostLimits> limits,
                             java.util.Map<String, HostValidationEnv> hypervisors) {
        this.host = host;
        this.limits = limits;
        this.hypervisors = java.util.Map.copyOf(hypervisors);
    }

    /** One hypervisor's own answers; an undeclared name (a located problem of its own) gets the union's. */
    @Override
    public ValidationEnv on(String hypervisor) {
        return hypervisors.getOrDefault(hypervisor, this);
    }

    /** The host as {@link #host} reads it, or null when it cannot be read. */
    private HostState host() {
        try {
            return host.get();
        } catch (StepFailedException | HostUnreachableException e) {
            return null;
        }
    }

    @Override
    public boolean networkExists(String name) {
        HostState h = host();
        return h != null && h.networks().containsKey(name);
    }

    @Override
    public boolean fileExists(String path) {
        if (ValidationEnv.super.fileExists(path)) {
            return true;
        }
        HostState h = host();
        if (h == null) {
            return false;
        }
        if (h != imagesOf) {
            Set<String> files = new HashSet<>();
            h.domains().values().forEach(d -> files.addAll(LibvirtXml.diskFiles(d.xml())));
            images = files;
            imagesOf = h;
        }
        return images.contains(path);
    }

    @Override
    public boolean vmExists(String name) {
        HostState h = host();
        return h != null && h.domains().containsKey(name);
    }

    @Override
    public OptionalLong vmMemoryMiB(String name) {
        HostState h = host();
        return h == null ? OptionalLong.empty()
                : h.domain(name).map(d -> LibvirtXml.memoryMiB(d.xml())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong hostMemoryMiB() {
        return limits.get().memoryMiB();
    }

    @Override
    public OptionalInt maxVcpus(String virtType) {
        return limits.get().maxVcpus(virtType);
    }

    /** leases and waitForLease read the DHCP leases of a libvirt network, which not every driver serves. */
    @Override
    public java.util.Optional<String> cannotServe(kvmsh.model.OpDef.Verb verb) {
        return switch (verb) {
            case LEASES, WAIT_FOR_LEASE -> limits.get().noDhcpLeases();
            default -> java.util.Optional.empty();
        };
    }
}
