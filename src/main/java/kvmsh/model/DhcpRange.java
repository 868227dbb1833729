package kvmsh.model;

/** An address range a network's DHCP server hands out, both ends inclusive. */
public record DhcpRange(String start, String end, Origin origin) {
}
