package kvmsh.model;

/** Direct kernel boot: libvirt passes kernel, initrd and command line to qemu. */
public record KernelBoot(String kernel, String initrd, String cmdline) {
}
