package kvmsh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two settings the sandbox's private {@code /etc/libvirt} holds, both for migration between
 * sandboxes (libvirt's {@code docs/migration.rst}: two daemons on one machine):
 * <ul>
 *   <li>{@code libvirtd.conf}: a {@code host_uuid} of its own, made once and kept. Without it every
 *       sandbox reports the machine's SMBIOS UUID, and libvirt refuses a migration between them as
 *       one "to the same host".</li>
 *   <li>{@code qemu.conf}: {@code migration_address} and {@code migration_host}, the sandbox's LAN
 *       address: incoming migrations (and the disk copy's NBD server) listen there, and the source
 *       is told to connect there rather than to the machine's host name, which every sandbox shares.</li>
 *   <li>With {@code --tcp}, {@code libvirtd.conf} also opens libvirt's plain TCP transport on the LAN
 *       address only ({@code listen_addr}, port 16509), without authentication ({@code auth_tcp = "none"})
 *       and without TLS ({@code listen_tls = 0}, so no certificates are needed): a
 *       {@code qemu+tcp://ADDRESS/system} host for tests. It is reachable only from the namespaces on
 *       the sandbox's LAN, never from the machine's own network. libvirtd listens on it when started
 *       with {@code --listen}.</li>
 * </ul>
 * Everything else stays at libvirt's built-in defaults.
 */
final class SandboxConfig {

    private static final Pattern HOST_UUID = Pattern.compile("^host_uuid\\s*=\\s*\"([0-9a-f-]{36})\"", Pattern.MULTILINE);

    private SandboxConfig() {
    }

    static void write(Path etc, String address, boolean tcp) throws IOException {
        Path libvirtd = etc.resolve("libvirtd.conf");
        String uuid = hostUuid(libvirtd);
        // Written on every up: the LAN address may differ from the last up's; the UUID is kept.
        Files.writeString(libvirtd, "# kvmsh sandbox: a host UUID of its own (see kvmsh.sandbox.SandboxConfig)\n"
                + "host_uuid = \"" + (uuid == null ? UUID.randomUUID() : uuid) + "\"\n"
                + (tcp ? "# kvmsh sandbox up --tcp: qemu+tcp://" + address + "/system, on the sandbox's LAN only, no auth\n"
                        + "listen_tls = 0\n"
                        + "listen_tcp = 1\n"
                        + "listen_addr = \"" + address + "\"\n"
                        + "auth_tcp = \"none\"\n" : ""));
        Files.writeString(etc.resolve("qemu.conf"), "# kvmsh sandbox: migrations arrive on its LAN address\n"
                + "migration_address = \"" + address + "\"\n"
                + "migration_host = \"" + address + "\"\n");
    }

    /** The host UUID written in {@code libvirtd.conf}, or null when there is none. */
    static String hostUuid(Path libvirtdConf) throws IOException {
        if (!Files.isRegularFile(libvirtdConf)) {
            return null;
        }
        Matcher m = HOST_UUID.matcher(Files.readString(libvirtdConf));
        return m.find() ? m.group(1) : null;
    }
}
