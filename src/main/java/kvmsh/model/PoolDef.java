package kvmsh.model;

/**
 * A declared storage pool. Only directory pools so far: a directory on the host whose files are
 * the volumes, like libvirt's own 'default' pool at /var/lib/libvirt/images.
 *
 * @param name      libvirt pool name
 * @param type      pool type: {@code dir}
 * @param path      the absolute target directory
 * @param autostart start the pool when the host boots
 * @param origin    where the {@code pool} statement is
 */
public record PoolDef(String name, String type, String path, boolean autostart, Origin origin) {
}
