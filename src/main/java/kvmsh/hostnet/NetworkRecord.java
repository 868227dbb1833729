package kvmsh.hostnet;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import kvmsh.host.FileTrust;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkFields;
import kvmsh.model.NetworkMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host driver holds for a network, kept in its run directory so that {@code down 'lan'},
 * {@code status}, tap attachment and the planner's read of the host work from the name alone,
 * without the script: the declaration it realizes ({@link NetworkFields}), who declared it, and
 * whether it is meant to be up (a network can be defined and stopped, as in libvirt).
 *
 * @param mode   the mode realized (kept apart from {@code def}: a record without one still says what to tear down)
 * @param bridge the bridge device
 * @param active meant to be up: false between a stop and a start
 * @param script absolute path of the script (or hook file) that declared it, or null
 * @param digest the host driver's digest of {@code def}, or null
 * @param def    the declaration, or null in a record written without one
 * @param project the declaring script's {@code project 'name'}, or null (then {@code script} is the owner)
 */
record NetworkRecord(String name, NetworkMode mode, String bridge, boolean active, String script, String digest,
                     NetworkDef def, String project) {

    private static final String DEF = "def.";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkRecord.class);

    /** A record of {@code def} as it is realized now. */
    static NetworkRecord of(NetworkDef def, String bridge, boolean active, String script, String project) {
        return new NetworkRecord(Names.network(def.name()), def.mode(), bridge, active, script,
                HostDigester.digest(def), def, project);
    }

    NetworkRecord withActive(boolean now) {
        return new NetworkRecord(name, mode, bridge, now, script, digest, def, project);
    }

    static Optional<NetworkRecord> read(RunDirectory run, String name) {
        Path file = run.record(name);
        if (!RunFiles.existsTrusted(run.root())) {
            return Optional.empty();
        }
        String text = RunFiles.readOrNull(file);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(name, text));
        } catch (RuntimeException e) {
            throw new HostNetworkException("network '" + name + "': " + file + " is not a record kvmsh wrote — "
                    + "remove it", e);
        }
    }

    /** A record from the text {@link #text} made (a state kept to restore it on rollback). */
    static NetworkRecord parse(String name, String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NetworkDef def = p.getProperty(DEF + "name") == null ? null
                : NetworkFields.decode(key -> p.getProperty(DEF + key));
        return new NetworkRecord(name, NetworkMode.valueOf(p.getProperty("mode")),
                Names.ifname(name, p.getProperty("bridge")), !"false".equals(p.getProperty("active")),
                p.getProperty("script"), p.getProperty("digest"), def, p.getProperty("project"));
    }

    /** Every network with a record under {@code run}; a directory that cannot be trusted is skipped with a warning. */
    static Stream<NetworkRecord> all(RunDirectory run) {
        if (!RunFiles.existsTrusted(run.root())) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(run.root())) {
            return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
                            && !d.getFileName().toString().startsWith("."))
                    .filter(d -> {
                        Optional<String> why = FileTrust.whyNotPrivateDir(d);
                        why.ifPresent(w -> LOG.warn("skipping {}: {}", d, w));
                        return why.isEmpty();
                    })
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList().stream()
                    .flatMap(n -> read(run, n).stream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + run.root(), e);
        }
    }

    /** The record as the text of its file. */
    String text() {
        Properties p = new Properties();
        p.setProperty("mode", mode.name());
        p.setProperty("bridge", bridge);
        p.setProperty("active", String.valueOf(active));
        if (script != null) {
            p.setProperty("script", script);
        }
        if (project != null) {
            p.setProperty("project", project);
        }
        if (digest != null) {
            p.setProperty("digest", digest);
        }
        if (def != null) {
            NetworkFields.encode(def, false).forEach((k, v) -> p.setProperty(DEF + k, v));
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, "kvmsh host network '" + name + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    void write(RunDirectory run) {
        RunFiles.write(run.record(name), text());
    }
}
