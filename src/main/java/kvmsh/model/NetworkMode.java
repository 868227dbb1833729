package kvmsh.model;

/** The classic network models a KVM host offers its guests. */
public enum NetworkMode {
    /** Private subnet behind the host: bridge + gateway address + forwarding + MASQUERADE + DHCP. */
    NAT,
    /** Host-only: a bridge with an address on the host, no forwarding to the outside. */
    ISOLATED,
    /** Private subnet routed (not masqueraded) by the host. */
    ROUTED,
    /** Guests join an existing host bridge (e.g. br0 enslaving the physical NIC). */
    BRIDGE;

    public String keyword() {
        return this == ISOLATED ? "isolated" : name().toLowerCase();
    }
}
