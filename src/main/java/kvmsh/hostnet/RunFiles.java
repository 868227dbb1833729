package kvmsh.hostnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import kvmsh.host.FileTrust;

/**
 * File chores in a {@link RunDirectory}, done so that nobody but this user can steer them:
 * <ul>
 *   <li>every directory is created {@code rwxr-xr-x} whatever the umask, and before anything in it
 *       is read or written it must belong to this user, be writable by nobody else, and not be a
 *       symbolic link ({@link FileTrust#whyNotPrivateDir}); otherwise the call fails and says why;</li>
 *   <li>files are written to a fresh temporary name ({@code O_EXCL}) and renamed over the old one,
 *       so a reader never sees half a file and no planted link is ever written through;</li>
 *   <li>files are read without following symbolic links.</li>
 * </ul>
 */
final class RunFiles {

    private static final String DIR_MODE = "rwxr-xr-x";
    private static final String FILE_MODE = "rw-r--r--";

    private RunFiles() {
    }

    /** Makes {@code dir} (and missing parents) if needed and checks that it can be trusted. */
    static Path directory(Path dir) {
        try {
            FileTrust.createDirectories(dir, DIR_MODE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        requireTrusted(dir);
        return dir;
    }

    /** Fails unless {@code dir} is a directory only this user can change. */
    static void requireTrusted(Path dir) {
        Optional<String> why = FileTrust.whyNotPrivateDir(dir);
        if (why.isPresent()) {
            throw new HostNetworkException("run directory " + dir + " cannot be trusted: " + why.get()
                    + " — remove it (kvmsh makes it again) or make it belong to uid " + FileTrust.euid()
                    + " with mode 0755");
        }
    }

    /** True when {@code dir} exists (not as a link) and can be trusted; fails when it exists and cannot. */
    static boolean existsTrusted(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        requireTrusted(dir);
        return true;
    }

    /** The file's text, or null when it does not exist; a link is never followed. */
    static String readOrNull(Path file) {
        if (!existsTrusted(file.getParent())) {
            return null;
        }
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(in.size(), 16 << 20));
            while (buf.hasRemaining() && in.read(buf) >= 0) {
                // read it all
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // A link (ELOOP) or another kind of file: not something kvmsh wrote.
            return null;
        }
    }

    /** Replaces {@code file} with {@code text} in one rename, creating its directory if needed. */
    static void write(Path file, String text) {
        Path dir = directory(file.getParent());
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            Files.writeString(tmp, text);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(FILE_MODE));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    static void touch(Path file) {
        write(file, "");
    }

    /**
     * True when {@code file} is a regular file this user wrote in a trusted directory: a marker
     * that makes kvmsh delete something (a tap it created) counts only then.
     */
    static boolean isOurs(Path file) {
        return existsTrusted(file.getParent()) && FileTrust.whyNotPrivateFile(file).isEmpty();
    }

    static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Deletes {@code dir} and what is in it; links inside are removed, never followed. */
    static void deleteTree(Path dir) {
        if (!existsTrusted(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(RunFiles::deleteIfExists);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
