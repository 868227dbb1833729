package kvmsh.libvirt;

import java.net.URI;
import java.net.URISyntaxException;

import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import kvmsh.plan.HostUnreachableException;

/** Turns a failed connection into one line that says what went wrong and what to do next. */
final class ConnectErrors {

    /** errno values libvirt reports in a system error's {@code int1}. */
    private static final int ENOENT = 2;
    private static final int ECONNREFUSED = 111;

    private ConnectErrors() {
    }

    static HostUnreachableException unreachable(String uri, LibvirtException e) {
        String why = LibvirtErrors.describe(e);
        if (noDaemon(uri, e)) {
            return new HostUnreachableException("cannot connect to " + uri + ": no libvirt daemon answers (" + why + ").",
                    "Start libvirtd, or try kvmsh on libvirt's simulated host with -c test:///default,"
                            + " or on a private sandboxed host with `bin/kvmsh sandbox up` and -c sandbox.", e);
        }
        // ssh's own words (host key, permission) come through in libvirt's; what to try comes from the URI.
        return new HostUnreachableException("cannot connect to " + uri + ": " + why + Uris.sshLogin(uri)
                .map(ssh -> (why.endsWith(".") ? "" : ".") + " libvirt logs in with `" + ssh + "`: that must work without a prompt"
                        + " (the host's key in known_hosts, your key authorized there), and libvirtd must run on that host.")
                .orElse(""), e);
    }

    /**
     * Whether nothing listens where the client connects, decided on libvirt's error code and the
     * errno it carries, not on its wording: a refused connection anywhere, or, for a URI without a
     * host (a local daemon's unix socket), a socket that does not exist. A missing file on a remote
     * URI is something else (a TLS certificate, say) and keeps libvirt's own message.
     */
    static boolean noDaemon(String uri, LibvirtException e) {
        org.libvirt.Error err = e.getError();
        if (err == null || err.getCode() != ErrorNumber.VIR_ERR_SYSTEM_ERROR || err.getDomain() != ErrorDomain.VIR_FROM_RPC) {
            return false;
        }
        return err.getInt1() == ECONNREFUSED || (err.getInt1() == ENOENT && local(uri));
    }

    private static boolean local(String uri) {
        try {
            String host = new URI(uri).getHost();
            return host == null || host.isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
