package kvmsh.model;

/**
 * A host a script manages, declared with {@code hypervisor 'a', uri: 'qemu+ssh://root@a/system'}.
 *
 * @param name   how the script's {@code on} settings name it
 * @param uri    any libvirt URI, or {@code sandbox:NAME} for one of kvmsh's sandboxes
 * @param origin where it is declared
 */
public record HypervisorDef(String name, String uri, Origin origin) {
}
