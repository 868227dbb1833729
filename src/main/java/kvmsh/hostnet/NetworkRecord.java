package kvmsh.hostnet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import kvmsh.model.NetworkMode;

/**
 * What {@code up} made for a network, kept in its run directory so that {@code down 'lan'},
 * {@code status} and tap attachment work from the name alone, without the script.
 */
record NetworkRecord(String name, NetworkMode mode, String bridge) {

    static Optional<NetworkRecord> read(RunDirectory run, String name) {
        Path file = run.record(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new NetworkRecord(name, NetworkMode.valueOf(p.getProperty("mode")),
                p.getProperty("bridge")));
    }

    /** Every network with a record under {@code run}. */
    static Stream<NetworkRecord> all(RunDirectory run) {
        if (!Files.isDirectory(run.root())) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(run.root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("network.properties")))
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
        Path file = run.record(name);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "kvmsh host network '" + name + "'");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
