package kvmsh.dsl;

/**
 * kvmsh's tiny test guest: the host's Debian kernel with a busybox initramfs whose init leases an
 * address, pings what its command line asks, prints the results on the serial console and powers
 * off. Built on demand by the CLI (see {@code kvmsh.sandbox.GuestImageBuilder}).
 */
public record TestGuest(String kernel, String initrd) {
}
