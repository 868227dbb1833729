package kvmsh.cloudinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;

/**
 * Builds a NoCloud seed: an ISO 9660 image with volume label {@code cidata} holding
 * {@code user-data}, {@code meta-data} and optionally {@code network-config} (Rock Ridge and Joliet
 * names, as cloud-localds, virt-install and kcli make it), with xorriso, else genisoimage, in a
 * private temporary directory that is removed afterwards.
 */
public final class SeedIso {

    /** The volume label cloud-init's NoCloud data source looks for. */
    public static final String LABEL = "cidata";

    private SeedIso() {
    }

    /**
     * The ISO's bytes.
     *
     * @throws SeedException with one line (which tool to install, or what the tool said) when it fails
     */
    public static byte[] build(CommandRunner runner, SeedFiles files) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kvmsh-seed-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SeedException("cannot make a private directory for the cloud-init seed: " + e.getMessage(), e);
        }
        try {
            List<String> names = new ArrayList<>(List.of("user-data", "meta-data"));
            write(dir.resolve("user-data"), files.userData());
            write(dir.resolve("meta-data"), files.metaData());
            if (files.networkConfig() != null) {
                write(dir.resolve("network-config"), files.networkConfig());
                names.add("network-config");
            }
            Path iso = dir.resolve("seed.iso");
            List<String> args = new ArrayList<>(List.of("-output", iso.toString(), "-volid", LABEL, "-joliet", "-rock",
                    "-quiet"));
            names.forEach(n -> args.add(dir.resolve(n).toString()));
            List<String> xorriso = new ArrayList<>(List.of("xorriso", "-as", "mkisofs"));
            xorriso.addAll(args);
            CommandResult r = runner.run(xorriso);
            if (r.exitCode() == 127) {
                List<String> genisoimage = new ArrayList<>(List.of("genisoimage"));
                genisoimage.addAll(args);
                r = runner.run(genisoimage);
            }
            if (r.exitCode() == 127) {
                throw new SeedException("building the cloud-init seed needs xorriso or genisoimage"
                        + " — install one (apt-get install xorriso)", null);
            }
            if (!r.ok()) {
                throw new SeedException("building the cloud-init seed failed: " + r.command().get(0) + ": "
                        + r.stderr().strip(), null);
            }
            return Files.readAllBytes(iso);
        } catch (IOException e) {
            throw new SeedException("cannot write the cloud-init seed in " + dir + ": " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover private temp directory is not worth failing the run for.
        }
    }
}
