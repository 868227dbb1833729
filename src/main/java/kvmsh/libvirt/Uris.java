package kvmsh.libvirt;

import java.util.List;

/** The libvirt URIs people use most, offered by completion (the CLI's {@code -c}, the REPL's {@code :connect}). */
public final class Uris {

    /** libvirt's simulated host, the system and the session qemu daemons. */
    public static final List<String> WELL_KNOWN = List.of("test:///default", "qemu:///system", "qemu:///session");

    private Uris() {
    }
}
