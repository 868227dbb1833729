package kvmsh.dsl.compile;

import groovy.lang.GroovyClassLoader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.tools.GroovyClass;

/**
 * Compiles scripts, keeping the bytecode in a cache keyed by a SHA-256 over the source, its class
 * name and the kvmsh build, so a hook that qemu runs on every VM start skips the Groovy compiler
 * (the largest part of its start-up) from the second run on. A cache that cannot be read or
 * written only costs the compile; it never changes what a script does.
 * <p>
 * The directory is private to its user (root: {@code /var/cache/kvmsh/scripts}, others:
 * {@code ~/.cache/kvmsh/scripts}; {@code KVMSH_CACHE_DIR} overrides, {@code off} disables):
 * class files loaded from a directory others can write would run their code, so a directory or an
 * entry that is not this user's alone is skipped ({@link ScriptCache#directory},
 * {@link ScriptCache#trustedEntry}).
 */
public final class CompiledScripts {

    private static final String FORMAT = "kvmsh-scripts-2";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledScripts.class);

    private final Path dir;

    CompiledScripts(Path dir) {
        this.dir = dir;
    }

    /** The cache chosen by the environment, or one that never caches. */
    public static CompiledScripts standard() {
        return new CompiledScripts(ScriptCache.directory().orElse(null));
    }

    /**
     * The main class of {@code source} compiled as {@code className}, from the cache or freshly.
     *
     * @throws org.codehaus.groovy.control.MultipleCompilationErrorsException when it does not compile
     */
    public Class<?> load(String source, String className, java.util.function.Supplier<CompilerConfiguration> config,
                  ClassLoader parent) {
        String key = dir == null ? null : key(source, className);
        Map<String, byte[]> classes = key == null ? null : read(dir.resolve(key));
        if (classes == null) {
            // Only now: setting the compiler up costs start-up time a cache hit does not need.
            classes = compile(source, className, config.get(), parent);
            if (key != null) {
                write(dir.resolve(key), classes);
            }
        }
        BytesLoader loader = new BytesLoader(parent, classes);
        try {
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled script lacks its class " + className, e);
        }
    }

    /**
     * After this long a compile says what it is doing: a huge script can keep Groovy busy for long
     * (its parser and class generation grow with the script), and silence looks like a hang.
     * {@code -Dkvmsh.compileNoticeMillis=N} changes it (tests use 0).
     */
    private static final long NOTICE_MILLIS = Long.getLong("kvmsh.compileNoticeMillis", 3000);

    private static Map<String, byte[]> compile(String source, String className, CompilerConfiguration config,
                                               ClassLoader parent) {
        GroovyClassLoader gcl = new GroovyClassLoader(parent, config);
        CompilationUnit unit = new CompilationUnit(config, null, gcl);
        unit.addSource(className + ".groovy", source);
        // Groovy reports each phase it finishes; a timer says, once, where a long compile is.
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger(0);
        unit.setProgressCallback(new CompilationUnit.ProgressCallback() {
            @Override
            public void call(org.codehaus.groovy.control.ProcessingUnit context, int phase) {
                done.set(phase);
            }
        });
        java.util.Timer timer = new java.util.Timer("kvmsh-compile-notice", true);
        timer.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                long lines = source.chars().filter(c -> c == '\n').count() + 1;
                int phase = Math.min(done.get() + 1, Phases.CLASS_GENERATION);
                LOG.warn("still compiling the script ({} lines, {} KiB) after {} s; Groovy is in its {} phase."
                        + " A script this large compiles faster split into several files, or with loops"
                        + " instead of repeated lines", lines, source.length() / 1024, NOTICE_MILLIS / 1000,
                        Phases.getDescription(phase));
            }
        }, NOTICE_MILLIS);
        try {
            unit.compile(Phases.CLASS_GENERATION);
        } finally {
            timer.cancel();
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (GroovyClass c : unit.getClasses()) {
            out.put(c.getName(), c.getBytes());
        }
        return out;
    }

    private static String key(String source, String className) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {FORMAT, ScriptCache.build(), className, source}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static Map<String, byte[]> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !ScriptCache.trustedEntry(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            int n = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return classes;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void write(Path file, Map<String, byte[]> classes) {
        try {
            // Normally created and checked by ScriptCache.directory() already; never more open than rwx------.
            Path parent = file.getParent();
            kvmsh.host.FileTrust.createDirectories(parent, "rwx------");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.writeInt(classes.size());
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            // Concurrent hooks may write the same entry: each writes its own file, the rename is atomic.
            Path tmp = Files.createTempFile(parent, ".tmp-", "");
            Files.write(tmp, buf.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // No cache: the next run compiles again.
        }
    }

    /** Defines a script's classes (its own and its closures') on first use. */
    private static final class BytesLoader extends ClassLoader {

        private final Map<String, byte[]> classes;

        BytesLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
