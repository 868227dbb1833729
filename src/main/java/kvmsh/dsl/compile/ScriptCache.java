package kvmsh.dsl.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kvmsh.host.FileTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where kvmsh caches what it derives from scripts (compiled classes, a hook file's declarations),
 * and which build derived it. The directory is private to its user (root:
 * {@code /var/cache/kvmsh/scripts}, others: {@code ~/.cache/kvmsh/scripts}; {@code KVMSH_CACHE_DIR}
 * overrides, {@code off} disables): what is loaded from a directory others can write would run
 * their code.
 */
public final class ScriptCache {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptCache.class);

    private ScriptCache() {
    }

    /**
     * The cache directory to use: the one the environment chooses ({@link #chosen}), created
     * {@code rwx------} when missing, and only when it can be trusted — a real directory (not a
     * link) owned by this user, writable by nobody else, under directories nobody else can change
     * ({@link FileTrust#whyNotPrivateDir}). Otherwise empty: the cache is skipped (with a warning),
     * never trusted. Each entry is checked again when read ({@link #trustedEntry}).
     */
    public static Optional<Path> directory() {
        Optional<Path> dir = chosen();
        if (dir.isEmpty()) {
            return dir;
        }
        try {
            FileTrust.createDirectories(dir.get(), "rwx------");
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no cache: every run compiles
        }
        Optional<String> why = FileTrust.whyNotPrivateDir(dir.get());
        if (why.isPresent()) {
            LOG.warn("not using the script cache {}: {}", dir.get(), why.get());
            return Optional.empty();
        }
        return dir;
    }

    /**
     * True when cache entry {@code file} may be loaded: a regular file (not a link) owned by this
     * user and writable by nobody else. Read it without following links.
     */
    public static boolean trustedEntry(Path file) {
        Optional<String> why = FileTrust.whyNotPrivateFile(file);
        if (why.isPresent() && Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("not using script cache entry {}: {}", file, why.get());
        }
        return why.isEmpty();
    }

    /** The cache directory chosen by the environment, or empty when caching is off; not checked. */
    static Optional<Path> chosen() {
        String env = System.getenv("KVMSH_CACHE_DIR");
        if ("off".equals(env)) {
            return Optional.empty();
        }
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        boolean root = FileTrust.isRoot();
        return Optional.of(root ? Path.of("/var/cache/kvmsh/scripts")
                : Path.of(System.getProperty("user.home"), ".cache", "kvmsh", "scripts"));
    }

    /**
     * Identifies the kvmsh build: the transforms and resolvers that shaped a cached result live in
     * it. Its location and modification time, read without opening it (hooks pay for every call).
     */
    public static String build() {
        try {
            Path self = Path.of(ScriptCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(self)) {
                self = self.resolve("kvmsh/dsl/KvmshScript.class");
            }
            return self + "@" + Files.getLastModifiedTime(self).toMillis();
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
