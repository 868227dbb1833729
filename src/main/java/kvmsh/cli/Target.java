package kvmsh.cli;

import kvmsh.host.CommandRunner;
import kvmsh.host.HostLinks;
import kvmsh.host.IpLinks;
import kvmsh.host.ProcessRunner;
import kvmsh.host.SimulatedLinks;

/**
 * The host a command works on: a libvirt URI plus where host-side commands (taps) run.
 *
 * @param uri   the libvirt connection URI
 * @param links how kvmsh manages tap devices on that host
 * @param label how messages name the target
 */
public record Target(String uri, HostLinks links, String label) {

    /** URI resolution like virsh: {@code -c/--connect}, then LIBVIRT_DEFAULT_URI, then qemu:///system. */
    public static String resolveUri(String option, java.util.Map<String, String> env) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnv = env.get("LIBVIRT_DEFAULT_URI");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "qemu:///system";
    }

    /**
     * The target for {@code -c sandbox} or {@code -c sandbox:NAME}: kvmsh's private KVM host in
     * network namespaces, brought up first if needed. Taps are made inside its namespace.
     */
    public static Target forSandbox(String name, java.io.PrintWriter progress) {
        var sandbox = new kvmsh.sandbox.Sandbox(name);
        if (!sandbox.status().up()) {
            progress.println("kvmsh: bringing up sandbox " + name + " (see: bin/kvmsh sandbox status " + name + ")…");
            progress.flush();
            sandbox.up();
        }
        return new Target(sandbox.uri(), new IpLinks(sandbox.runner()), "sandbox " + name);
    }

    /** The sandbox name in {@code sandbox} / {@code sandbox:NAME}, or null for any other URI. */
    public static String sandboxName(String uri) {
        if (uri.equals("sandbox")) {
            return kvmsh.sandbox.Sandbox.DEFAULT_NAME;
        }
        return uri.startsWith("sandbox:") && uri.length() > 8 ? uri.substring(8) : null;
    }

    /** The target for a plain libvirt URI. */
    public static Target forUri(String uri, CommandRunner runner) {
        if (uri.startsWith("test:")) {
            // The test driver simulates a hypervisor in-process: there is no host whose links we may touch.
            return new Target(uri, SimulatedLinks.of(uri), uri);
        }
        if (isLocal(uri)) {
            return new Target(uri, new IpLinks(runner), uri);
        }
        return new Target(uri, new RemoteLinks(uri), uri);
    }

    public static Target forUri(String uri) {
        return forUri(uri, new ProcessRunner());
    }

    /** A URI without a host part talks to this machine's daemon. */
    static boolean isLocal(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = uri.substring(scheme + 3);
        return rest.startsWith("/");
    }
}
