package kvmsh.dsl

/** In-memory host for validation: the networks and files a test says exist, nothing else. */
class FakeEnv implements ValidationEnv {

    Set<String> networks = []
    /** Absolute paths (or prefixes ending in '/') that exist. */
    Set<String> files = []

    @Override
    boolean networkExists(String name) {
        name in networks
    }

    @Override
    boolean fileExists(String path) {
        files.any { it == path || (it.endsWith('/') && path.startsWith(it)) || it == path + '/' }
    }
}
