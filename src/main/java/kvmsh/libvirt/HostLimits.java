package kvmsh.libvirt;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import kvmsh.plan.Hypervisor;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * What a libvirt host can give one VM: its memory (node info) and the most vCPUs per virt type
 * ({@code virConnectGetMaxVcpus}); and whether it serves DHCP leases. Read when validation first
 * asks; an answer libvirt refuses is unknown, and validation then falls back to kvmsh's own limits.
 */
public final class HostLimits {

    private final Connect conn;
    private OptionalLong memory;
    private final Map<String, OptionalInt> vcpus = new HashMap<>();
    private java.util.Optional<String> noLeases;

    private HostLimits(Connect conn) {
        this.conn = conn;
    }

    /** The limits of {@code hv}'s host; none known when it is not a libvirt connection. */
    public static HostLimits of(Hypervisor hv) {
        LibvirtHypervisor l = hv instanceof kvmsh.plan.Backends b ? b.find(LibvirtHypervisor.class).orElse(null)
                : hv instanceof LibvirtHypervisor one ? one : null;
        return new HostLimits(l == null ? null : l.connection());
    }

    /** No limits known (validation then uses kvmsh's own): the union of a script's hosts, each answering its own ({@link HostValidationEnv#on}). */
    public static HostLimits unknown() {
        return new HostLimits(null);
    }

    /** The host's memory in MiB. */
    public OptionalLong memoryMiB() {
        if (memory == null) {
            try {
                memory = conn == null ? OptionalLong.empty() : OptionalLong.of(conn.nodeInfo().memory / 1024);
            } catch (LibvirtException | RuntimeException e) {
                memory = OptionalLong.empty();
            }
        }
        return memory;
    }

    /** The most vCPUs of one VM of libvirt type {@code virtType} ('kvm', 'qemu'). */
    public OptionalInt maxVcpus(String virtType) {
        return vcpus.computeIfAbsent(virtType, t -> {
            try {
                int n = conn == null ? -1 : conn.getMaxVcpus(t);
                return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
            } catch (LibvirtException | RuntimeException e) {
                return OptionalInt.empty();
            }
        });
    }

    /**
     * Why the host serves no DHCP leases (virNetworkGetDHCPLeases refused as unsupported, asked of
     * one of its networks), or empty when it serves them or it has no network to ask.
     */
    public java.util.Optional<String> noDhcpLeases() {
        if (noLeases == null) {
            noLeases = java.util.Optional.empty();
            if (conn == null) {
                return noLeases;
            }
            try {
                String[] nets = conn.listNetworks();
                if (nets.length == 0) {
                    nets = conn.listDefinedNetworks();
                }
                if (nets.length > 0) {
                    LibvirtNative.dhcpLeases(conn.networkLookupByName(nets[0]));
                }
            } catch (LibvirtException e) {
                if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                    noLeases = java.util.Optional.of(LibvirtErrors.describe(e));
                }
            } catch (RuntimeException e) {
                // Unknown: the statement then meets the host's answer when it runs.
            }
        }
        return noLeases;
    }
}
