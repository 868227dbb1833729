package kvmsh.hostnet;

/**
 * Network boot served by a network's own dnsmasq: its built-in TFTP server and the boot file
 * DHCP hands out; {@link HostNetworkDriver#up(kvmsh.model.NetworkDef)} takes it from the model's
 * {@link kvmsh.model.PxeDef} ({@code pxe root:, file:} in a network block).
 *
 * @param tftpRoot directory TFTP serves, e.g. {@code /srv/tftp}
 * @param bootFile file name relative to {@code tftpRoot}, e.g. {@code pxelinux.0}
 */
public record PxeBoot(String tftpRoot, String bootFile) {
}
