package kvmsh.model;

/**
 * A network interface of a VM.
 *
 * @param kind    NETWORK (a libvirt network), BRIDGE (an existing host bridge), TAP (a named tap)
 * @param network the network the NIC joins (NETWORK, or TAP attached to a declared network)
 * @param bridge  the host bridge (BRIDGE), or null
 * @param tap     the tap device name the user asked for, or null to let libvirt choose
 * @param mac     fixed MAC address (lowercase), or null to let libvirt generate one
 * @param model   device model: virtio, e1000, rtl8139 …
 * @param origin  where the {@code nic} statement is
 */
public record NicDef(Kind kind, String network, String bridge, String tap, String mac, String model,
                     Origin origin) {

    public enum Kind { NETWORK, BRIDGE, TAP }
}
