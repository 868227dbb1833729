package kvmsh.libvirt;

import org.libvirt.LibvirtException;

/** Turns a failed connection into one line that says what to do next. */
final class ConnectErrors {

    private ConnectErrors() {
    }

    static String describe(String uri, LibvirtException e) {
        String why = LibvirtErrors.describe(e);
        boolean noDaemon = why.contains("Failed to connect socket") || why.contains("No such file or directory")
                || why.contains("Connection refused");
        if (noDaemon) {
            return "cannot connect to " + uri + ": no libvirt daemon answers (" + why + ")."
                    + " Start libvirtd, or try kvmsh on libvirt's simulated host with -c test:///default,"
                    + " or on a private sandboxed host with `bin/kvmsh sandbox up` and -c sandbox.";
        }
        return "cannot connect to " + uri + ": " + why;
    }
}
