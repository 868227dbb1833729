package kvmsh.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where kvmsh caches what it derives from scripts (compiled classes, a hook file's declarations),
 * and which build derived it. The directory is private to its user (root:
 * {@code /var/cache/kvmsh/scripts}, others: {@code ~/.cache/kvmsh/scripts}; {@code KVMSH_CACHE_DIR}
 * overrides, {@code off} disables): what is loaded from a directory others can write would run
 * their code.
 */
public final class ScriptCache {

    private ScriptCache() {
    }

    /** The cache directory chosen by the environment, or empty when caching is off. */
    public static Optional<Path> directory() {
        String env = System.getenv("KVMSH_CACHE_DIR");
        if ("off".equals(env)) {
            return Optional.empty();
        }
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
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
