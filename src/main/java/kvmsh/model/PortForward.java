package kvmsh.model;

/**
 * A port of the host forwarded into a NAT network ({@code forward 2222, to: 'web:22'}): new
 * connections to {@code port} on any of the host's own addresses go to {@code address}:{@code toPort}
 * on the network, and their answers come back the same way (DNAT, conntrack).
 *
 * @param proto   {@code tcp} or {@code udp}
 * @param port    the host's port, 1 to 65535
 * @param target  the VM or static host {@code to:} names
 * @param toPort  the guest's port, 1 to 65535
 * @param address the target's IPv4 address on the network (its static host's), resolved by the DSL
 * @param origin  where the {@code forward} statement is
 */
public record PortForward(String proto, int port, String target, int toPort, String address, Origin origin) {

    /** {@code tcp 2222 → web:22 (10.0.0.5)}: how plans name it. */
    public String describe() {
        return proto + " " + port + " → " + target + ":" + toPort + " (" + address + ")";
    }

    /** What the host's port is: {@code tcp 2222}, the key no two forwards of a host may share. */
    public String hostPort() {
        return proto + " " + port;
    }
}
