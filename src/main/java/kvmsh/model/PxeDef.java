package kvmsh.model;

/**
 * Network boot a network serves to its guests, as dnsmasq's {@code enable-tftp}/{@code tftp-root}
 * and {@code dhcp-boot} do (the seed's {@code TFTPROOT}/{@code BOOTP} settings).
 *
 * @param tftpRoot absolute directory the network's TFTP server serves
 * @param bootFile file DHCP hands to PXE clients, relative to {@code tftpRoot} (pxelinux.0, boot.ipxe …)
 * @param origin   where the {@code pxe} statement is
 */
public record PxeDef(String tftpRoot, String bootFile, Origin origin) {
}
