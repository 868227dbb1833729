package kvmsh.host;

import java.util.Map;

/**
 * The host's network links as far as kvmsh manages them: tap devices it creates for guests with a
 * fixed tap name, and which bridge they are plugged into.
 */
public interface HostLinks {

    /** Every link on the host, mapped to the bridge it is plugged into ("" when none). */
    Map<String, String> list();

    /** Creates tap {@code tap}, sets it up and plugs it into {@code bridge} (null: no bridge). */
    void createTap(String tap, String bridge);

    /** Plugs {@code tap} into {@code bridge}, or unplugs it when {@code bridge} is null. */
    void plug(String tap, String bridge);

    /** Deletes {@code tap}; a tap that is already gone is fine. */
    void delete(String tap);

    /**
     * Told at every read which of kvmsh's taps the host's domains still refer to. Links that live
     * only as long as those domains (a simulated host, which libvirt's test driver discards with its
     * last connection) forget the others; real links are what the host says, so by default nothing.
     */
    default void domainsRefer(java.util.Set<String> taps) {
    }

    /**
     * Where kvmsh runs commands on the hypervisor host itself (this machine, a sandbox's
     * namespace): what writes kvmsh's nft table for a libvirt network's port forwards. Empty where
     * it cannot: a remote host, a simulated one.
     */
    default java.util.Optional<CommandRunner> commands() {
        return java.util.Optional.empty();
    }

    /** True for a host that exists only in this process (libvirt's test driver): it has no firewall to write. */
    default boolean simulated() {
        return false;
    }
}
