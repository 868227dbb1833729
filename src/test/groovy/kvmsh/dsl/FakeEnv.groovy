package kvmsh.dsl

import java.nio.file.Path
import kvmsh.osinfo.OsInfoDb

/** In-memory host for validation: the networks and files a test says exist, nothing else. */
class FakeEnv implements ValidationEnv {

    Set<String> networks = []
    /** VMs on the host that statements may name without declaring them. */
    Set<String> vms = []
    /** Absolute paths that exist as directories (a disk there is an error). */
    Set<String> dirs = []
    /** Absolute paths that exist as character devices (/dev/null). */
    Set<String> charDevices = []
    /** Absolute paths (or prefixes ending in '/') that exist. */
    Set<String> files = []
    /** The osinfo database {@code os} reads: the specs' own tiny one; null for a host without one. */
    OsInfoDb osinfoDb = TEST_OSINFO
    /** What {@code guest}/{@code pxe guest: true} get; null when the host cannot build it. */
    TestGuest guest

    static final OsInfoDb TEST_OSINFO = OsInfoDb.load(Path.of(FakeEnv.getResource('/osinfo/os').toURI()).parent)

    @Override
    Optional<OsInfoDb> osinfo() {
        Optional.ofNullable(osinfoDb)
    }

    @Override
    Optional<TestGuest> testGuest() {
        Optional.ofNullable(guest)
    }

    @Override
    boolean vmExists(String name) {
        name in vms
    }

    @Override
    ValidationEnv.FileKind fileKind(String path) {
        // Only what a test says: anything else is unknown, which the checks let pass.
        path in dirs ? ValidationEnv.FileKind.DIRECTORY
                : path in charDevices ? ValidationEnv.FileKind.CHAR_DEVICE : ValidationEnv.FileKind.MISSING
    }

    @Override
    boolean networkExists(String name) {
        name in networks
    }

    @Override
    boolean fileExists(String path) {
        files.any { it == path || (it.endsWith('/') && path.startsWith(it)) || it == path + '/' }
    }
}
