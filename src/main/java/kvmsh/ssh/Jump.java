package kvmsh.ssh;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import kvmsh.host.Verbosity;

/**
 * How ssh reaches a guest of a remote hypervisor: through the hypervisor host, as kcli does. A guest
 * on a NAT or host-only network is reachable from its host only, so ssh jumps through the host the
 * libvirt URI names: {@code qemu+ssh://root@kvm2:2222/system} gives {@code -J root@kvm2:2222}; with
 * {@code ?keyfile=K}, which {@code -J} cannot carry, {@code -o ProxyCommand=ssh -i K -p 2222 -W [%h]:%p root@kvm2}
 * (the one option ssh hands to a shell, so its words are quoted). Another transport
 * ({@code qemu+tcp://kvm2/system}) jumps to {@code kvm2} as ssh's default user. A local URI needs no jump.
 */
public final class Jump {

    private Jump() {
    }

    /** ssh's options for jumping through the host of {@code uri}; empty for a local (or test) URI. */
    public static List<String> options(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return List.of();
        }
        if (u.getScheme() == null || u.getScheme().startsWith("test") || u.getHost() == null || u.getHost().isEmpty()) {
            return List.of();
        }
        boolean ssh = u.getScheme().contains("ssh");
        String user = ssh && u.getUserInfo() != null ? u.getUserInfo() + "@" : "";
        String port = ssh && u.getPort() > 0 ? String.valueOf(u.getPort()) : null;
        String keyfile = ssh ? keyfile(u) : null;
        if (keyfile != null) {
            List<String> proxy = port == null ? List.of("ssh", "-i", keyfile, "-W")
                    : List.of("ssh", "-i", keyfile, "-p", port, "-W");
            // '[%h]:%p' quoted: ssh fills in the guest's address (brackets for IPv6), the shell must not glob it.
            return List.of("-o", "ProxyCommand=" + Verbosity.shellWords(proxy) + " '[%h]:%p' "
                    + Verbosity.shellWords(List.of(user + u.getHost())));
        }
        return List.of("-J", user + u.getHost() + (port == null ? "" : ":" + port));
    }

    private static String keyfile(URI u) {
        if (u.getRawQuery() == null) {
            return null;
        }
        for (String param : u.getRawQuery().split("&")) {
            if (param.startsWith("keyfile=")) {
                return URLDecoder.decode(param.substring(8), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
