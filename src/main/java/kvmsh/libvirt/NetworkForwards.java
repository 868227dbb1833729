package kvmsh.libvirt;

import java.util.List;
import kvmsh.host.HostLinks;
import kvmsh.hostnet.NetworkFirewall;
import kvmsh.model.NetworkDef;
import kvmsh.plan.DeclarationException;
import kvmsh.plan.NetworkState;

/**
 * The part of a libvirt network with port forwards that kvmsh keeps itself: such a network is
 * libvirt's open mode (libvirt adds no rules; its NAT rules would refuse every new connection into
 * the bridge, and an accept in kvmsh's table cannot override their reject), and its NAT, isolation
 * and forwards are kvmsh's nft chains ({@link NetworkFirewall}), following the network's definition:
 * loaded when it is defined with forwards, reloaded when they change, removed when it loses them
 * or is undefined. kvmsh writes them where it runs commands on the hypervisor host (this machine, a
 * sandbox); a remote host's forwards are refused at the script's line, and libvirt's simulated test
 * driver has no firewall, so nothing is written for it.
 */
final class NetworkForwards {

    private final String uri;
    /** Null where kvmsh writes no firewall: a remote or a simulated host. */
    private final NetworkFirewall firewall;
    private final boolean simulated;

    NetworkForwards(String uri, HostLinks links) {
        this.uri = uri;
        this.firewall = links.commands().map(NetworkFirewall::new).orElse(null);
        this.simulated = links.simulated();
    }

    /** Refuses a network with forwards on a host whose nft kvmsh cannot write (located at its first forward). */
    void check(NetworkDef def) {
        if (!def.forwards().isEmpty() && firewall == null && !simulated) {
            throw new DeclarationException(def.forwards().get(0).origin(), "network '" + def.name()
                    + "' forwards ports, which kvmsh sets up in the hypervisor host's own nft table, and " + uri
                    + " is remote: kvmsh cannot run nft there",
                    "run kvmsh on that host (-c qemu:///system there), or remove the forward");
        }
    }

    /** Reads kvmsh's table once for a whole read, only when a network needs it. */
    final class Read {
        private List<String> chains;

        /** What is broken in running network {@code xml} that kvmsh keeps: its chains, when it forwards ports. */
        List<String> faults(NetworkState state) {
            if (firewall == null || !state.active() || state.forwards().isEmpty()) {
                return List.of();
            }
            NetworkDef def = NetworkImport.of(state).def();
            if (def == null) {
                return List.of();
            }
            if (chains == null) {
                chains = firewall.chains();
            }
            return NetworkFirewall.missing(def, chains).isEmpty() ? List.of() : List.of(NetworkState.CHAINS_MISSING);
        }
    }

    Read read() {
        return new Read();
    }

    /**
     * Makes kvmsh's chains for network {@code def} follow the definition just given to libvirt:
     * loaded (replacing what they held) when it forwards ports, removed when it does not. Nothing
     * where kvmsh writes no firewall.
     */
    void sync(NetworkDef def, NetworkState previous) {
        if (firewall == null) {
            return;
        }
        if (!def.forwards().isEmpty()) {
            firewall.load(def);
        } else if (previous != null && !previous.forwards().isEmpty()) {
            // Only a network that had forwards: the others' steps (run in parallel) never touch nft.
            firewall.remove(def.name());
        }
    }

    /** {@link #sync(NetworkDef)} for a definition as libvirt has it (a rollback's, a repaired network's). */
    void sync(NetworkState state) {
        NetworkDef def = state.forwards().isEmpty() ? null : NetworkImport.of(state).def();
        if (def != null) {
            sync(def, null);
        } else {
            removed(state.name());
        }
    }

    /**
     * Removes network {@code name}'s chains (it was undefined) when {@code previous} (null: a
     * rollback's undefine of this run's define) had forwards; nothing when it has none.
     */
    void removed(String name, NetworkState previous) {
        if (previous == null || !previous.forwards().isEmpty()) {
            removed(name);
        }
    }

    private void removed(String name) {
        if (firewall != null) {
            firewall.remove(name);
        }
    }
}
