package kvmsh.libvirt;

import java.util.List;

/**
 * The libvirt URIs people use most, offered by completion (the CLI's {@code -c}, the REPL's
 * {@code :connect}); and the ssh login a {@code qemu+ssh://} URI makes, for messages.
 */
public final class Uris {

    /** libvirt's simulated host, the system and the session qemu daemons. */
    public static final List<String> WELL_KNOWN = List.of("test:///default", "qemu:///system", "qemu:///session");

    private Uris() {
    }

    /**
     * The ssh command line libvirt's ssh transport logs in with for {@code uri}
     * ({@code qemu+ssh://root@host:2222/system?keyfile=K} → {@code ssh -p 2222 -i K root@host}), for
     * the user to try by hand when the connection fails; empty for any other transport.
     */
    public static java.util.Optional<String> sshLogin(String uri) {
        java.net.URI u;
        try {
            u = new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
        if (u.getScheme() == null || !u.getScheme().endsWith("+ssh") || u.getHost() == null) {
            return java.util.Optional.empty();
        }
        StringBuilder ssh = new StringBuilder("ssh");
        if (u.getPort() > 0) {
            ssh.append(" -p ").append(u.getPort());
        }
        if (u.getRawQuery() != null) {
            for (String param : u.getRawQuery().split("&")) {
                if (param.startsWith("keyfile=")) {
                    ssh.append(" -i ").append(java.net.URLDecoder.decode(param.substring(8), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        ssh.append(' ').append(u.getUserInfo() == null ? "" : u.getUserInfo() + "@").append(u.getHost());
        return java.util.Optional.of(ssh.toString());
    }
}
