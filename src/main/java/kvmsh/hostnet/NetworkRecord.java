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
import kvmsh.model.NetworkMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code up} made for a network, kept in its run directory so that {@code down 'lan'},
 * {@code status} and tap attachment work from the name alone, without the script.
 */
record NetworkRecord(String name, NetworkMode mode, String bridge) {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkRecord.class);

    static Optional<NetworkRecord> read(RunDirectory run, String name) {
        Path file = run.record(name);
        if (!RunFiles.existsTrusted(run.root())) {
            return Optional.empty();
        }
        String text = RunFiles.readOrNull(file);
        if (text == null) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new NetworkRecord(name, NetworkMode.valueOf(p.getProperty("mode")),
                    Names.ifname(name, p.getProperty("bridge"))));
        } catch (IOException | RuntimeException e) {
            throw new HostNetworkException("network '" + name + "': " + file + " is not a record kvmsh wrote — "
                    + "remove it", e);
        }
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
                    .toList().stream()
                    .flatMap(n -> read(run, n).stream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + run.root(), e);
        }
    }

    void write(RunDirectory run) {
        Properties p = new Properties();
        p.setProperty("mode", mode.name());
        p.setProperty("bridge", bridge);
        StringWriter text = new StringWriter();
        try {
            p.store(text, "kvmsh host network '" + name + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunFiles.write(run.record(name), text.toString());
    }
}
