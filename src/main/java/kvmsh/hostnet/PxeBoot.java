package kvmsh.hostnet;

/**
 * Network boot served by a network's own dnsmasq: its built-in TFTP server and the boot file
 * DHCP hands out. Not in the model yet; {@link DnsmasqConfig} already renders it.
 *
 * @param tftpRoot directory TFTP serves, e.g. {@code /srv/tftp}
 * @param bootFile file name relative to {@code tftpRoot}, e.g. {@code pxelinux.0}
 */
public record PxeBoot(String tftpRoot, String bootFile) {
}
