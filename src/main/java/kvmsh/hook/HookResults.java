package kvmsh.hook;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import kvmsh.dsl.HookDef;
import kvmsh.dsl.LoadedScript;
import kvmsh.dsl.compile.ScriptCache;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkFields;
import kvmsh.model.Origin;

/**
 * What a purely declarative hook file declares (see {@link kvmsh.dsl.compile.DeclarativeCheck}), kept in
 * the script cache so that qemu's next call does not start Groovy at all: reading it needs only
 * the JDK. An entry records the kvmsh build, the file's path (messages name it) and its exact
 * text, and is used only when all three match. A cache that cannot be read or written only costs time.
 */
final class HookResults {

    private static final String FORMAT = "kvmsh-hook-3";

    private final Path dir;

    /** @param dir the script cache directory, or null for no cache */
    HookResults(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache entry's name for {@code file}: one entry per path. What it was made from (build,
     * path, exact text) is stored inside and compared on reading, so no hashing is needed.
     */
    Optional<String> key(Path file) {
        if (dir == null) {
            return Optional.empty();
        }
        String name = file.getFileName() == null ? "hook" : file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return Optional.of("hook-" + Integer.toHexString(file.toString().hashCode()) + "-" + name + ".props");
    }

    /** What {@code file} declares, if the entry was made by this build from this path and exact text. */
    Optional<LoadedScript> read(String key, Path file, byte[] text, String build) {
        Path f = dir.resolve(key);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || !ScriptCache.trustedEntry(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = new java.io.InputStreamReader(Files.newInputStream(f, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8)) {
            p.load(in);
            if (!FORMAT.equals(p.getProperty("format")) || !build.equals(p.getProperty("build"))
                    || !file.toString().equals(p.getProperty("path"))
                    || !Base64.getEncoder().encodeToString(text).equals(p.getProperty("text"))) {
                return Optional.empty();
            }
            return Optional.of(decode(p));
        } catch (IOException | RuntimeException e) {
            // Unreadable or from another format: evaluate the file instead.
            return Optional.empty();
        }
    }

    void write(String key, Path file, byte[] text, String build, LoadedScript script) {
        try {
            // Normally created and checked by ScriptCache.directory() already; never more open than rwx------.
            kvmsh.host.FileTrust.createDirectories(dir, "rwx------");
            Path tmp = Files.createTempFile(dir, "hook", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                Properties p = encode(script);
                p.setProperty("format", FORMAT);
                p.setProperty("build", build);
                p.setProperty("path", file.toString());
                p.setProperty("text", Base64.getEncoder().encodeToString(text));
                p.store(out, "kvmsh hook declarations");
            }
            // Atomic: a concurrent reader sees the old state or the whole new file.
            Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // No cache this time.
        }
    }

    static Properties encode(LoadedScript script) {
        Properties p = new Properties();
        p.setProperty("script", script.model().script());
        List<HookDef> hooks = script.hooks();
        p.setProperty("hooks", String.valueOf(hooks.size()));
        for (int i = 0; i < hooks.size(); i++) {
            HookDef h = hooks.get(i);
            String k = "hook." + i + ".";
            p.setProperty(k + "network", h.network());
            p.setProperty(k + "on", h.on().name());
            p.setProperty(k + "keep", String.valueOf(h.keep()));
            origin(p, k, h.origin());
        }
        List<NetworkDef> nets = script.model().networks();
        p.setProperty("networks", String.valueOf(nets.size()));
        for (int i = 0; i < nets.size(); i++) {
            String k = "network." + i + ".";
            NetworkFields.encode(nets.get(i), true).forEach((key, value) -> p.setProperty(k + key, value));
        }
        return p;
    }

    static LoadedScript decode(Properties p) {
        List<HookDef> hooks = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(p.getProperty("hooks")); i++) {
            String k = "hook." + i + ".";
            hooks.add(new HookDef(req(p, k + "network"), HookDef.Direction.valueOf(req(p, k + "on")),
                    Boolean.parseBoolean(req(p, k + "keep")), origin(p, k)));
        }
        List<NetworkDef> nets = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(p.getProperty("networks")); i++) {
            String k = "network." + i + ".";
            nets.add(NetworkFields.decode(key -> p.getProperty(k + key)));
        }
        return new LoadedScript(new HostModel(req(p, "script"), nets, List.of(), List.of()), hooks);
    }

    private static String req(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("cached hook lacks " + key);
        }
        return v;
    }

    private static void origin(Properties p, String prefix, Origin o) {
        p.setProperty(prefix + "origin", NetworkFields.originText(o));
    }

    private static Origin origin(Properties p, String prefix) {
        return NetworkFields.parseOrigin(req(p, prefix + "origin"));
    }
}
