package kvmsh.model;

/** A fixed DHCP reservation: the guest with {@code mac} always gets {@code ip}. */
public record StaticHost(String name, String mac, String ip, Origin origin) {
}
