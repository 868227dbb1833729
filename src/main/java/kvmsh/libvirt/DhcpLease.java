package kvmsh.libvirt;

import java.time.Instant;

/**
 * One lease of a libvirt network's DHCP server (virNetworkDHCPLease).
 *
 * @param mac      the client's MAC address
 * @param ip       the leased address
 * @param prefix   the address's prefix length
 * @param hostname the hostname the client sent, or null
 * @param expiry   when the lease expires
 */
public record DhcpLease(String mac, String ip, int prefix, String hostname, Instant expiry) {
}
