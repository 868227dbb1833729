package kvmsh.dsl;

/**
 * kvmsh's tiny test guest: the host's Debian kernel with a busybox initramfs whose init leases an
 * address, pings what its command line asks, prints the results on the serial console and powers
 * off. Built on demand by the CLI (see {@code kvmsh.sandbox.GuestImageBuilder}).
 */
public record TestGuest(String kernel, String initrd) {

    /** The iPXE script next to kernel and initrd that boots them ({@code pxe guest: true}). */
    public static final String PXE_BOOT_FILE = "boot.ipxe";

    /** The directory holding kernel, initrd and {@link #PXE_BOOT_FILE}: a ready TFTP root. */
    public String pxeRoot() {
        return java.nio.file.Path.of(kernel).getParent().toString();
    }
}
