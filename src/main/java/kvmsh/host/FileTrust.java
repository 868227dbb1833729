package kvmsh.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a file may be trusted by this process, in the way sshd's StrictModes, sudo and cron
 * decide it: what root runs, loads or writes must belong to root (or to this user) and must not
 * be writable by anybody else, nor sit in a directory somebody else could change.
 * <p>
 * Three kinds of trust, each answered as the reason it is missing (empty when trusted):
 * <ul>
 *   <li>{@link #whyNotCode}: a script root is about to run. Its real path (symbolic links
 *       resolved) and every directory above it belong to root and are not group- or
 *       other-writable; a root-owned directory with the sticky bit (like {@code /tmp}) counts as
 *       safe, since nobody else can rename or remove what root keeps there.</li>
 *   <li>{@link #whyNotPrivateDir}: a directory this process keeps state in (the script cache, the
 *       run directory): not a symbolic link, owned by this user, not group- or other-writable, and
 *       every directory above it belongs to root or this user and is writable by others only with
 *       the sticky bit.</li>
 *   <li>{@link #whyNotPrivateFile}: an entry in such a directory: a regular file (not a link),
 *       owned by this user, not group- or other-writable.</li>
 * </ul>
 */
public final class FileTrust {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISVTX = 01000;
    private static final int GROUP_OTHER_WRITE = 0022;

    private static volatile Integer euid;

    private FileTrust() {
    }

    /** This process's effective user id, from {@code /proc/self/status} (the JDK only knows a user name). */
    public static int euid() {
        Integer id = euid;
        if (id == null) {
            id = readEuid();
            euid = id;
        }
        return id;
    }

    /** True when this process runs with root's effective uid: then every check here is enforced. */
    public static boolean isRoot() {
        return euid() == 0;
    }

    private static int readEuid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the directory owner below
        }
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            // No /proc: assume the worst, so every check is made.
            return 0;
        }
    }

    /**
     * Why root must not run {@code file}: empty when this process is not root, when the file
     * cannot be resolved (reading it will report that), or when it is trusted (see the class
     * comment). Read the file through {@link Path#toRealPath} afterwards, so a link cannot be
     * turned elsewhere between the check and the read.
     */
    public static Optional<String> whyNotCode(Path file) {
        if (!isRoot()) {
            return Optional.empty();
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        String via = real.equals(file.toAbsolutePath().normalize()) ? "" : " (the real path of " + file + ")";
        try {
            Stat s = stat(real);
            if (s.type() != S_IFREG) {
                return Optional.of(real + via + " is not a regular file");
            }
            if (s.uid() != 0) {
                return Optional.of(real + via + " belongs to uid " + s.uid() + ", not root");
            }
            if ((s.mode() & GROUP_OTHER_WRITE) != 0) {
                return Optional.of(real + via + " is writable by others (mode " + octal(s.mode()) + ")");
            }
            for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
                Stat d = stat(dir);
                if (d.uid() != 0) {
                    return Optional.of("directory " + dir + " above " + real + " belongs to uid " + d.uid()
                            + ", not root");
                }
                if ((d.mode() & GROUP_OTHER_WRITE) != 0 && (d.mode() & S_ISVTX) == 0) {
                    return Optional.of("directory " + dir + " above " + real + " is writable by others (mode "
                            + octal(d.mode()) + ")");
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot check " + real + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Why {@code dir} is not a private directory of this user (see the class comment); empty when it is. */
    public static Optional<String> whyNotPrivateDir(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        int me = euid();
        try {
            Stat s = stat(abs);
            if (s.type() == S_IFLNK) {
                return Optional.of(abs + " is a symbolic link");
            }
            if (s.type() != S_IFDIR) {
                return Optional.of(abs + " is not a directory");
            }
            if (s.uid() != me) {
                return Optional.of(abs + " belongs to uid " + s.uid() + ", not to uid " + me);
            }
            if ((s.mode() & GROUP_OTHER_WRITE) != 0) {
                return Optional.of(abs + " is writable by others (mode " + octal(s.mode()) + ")");
            }
            return whyNotSafeAbove(abs);
        } catch (IOException e) {
            return Optional.of("cannot check " + abs + ": " + e.getMessage());
        }
    }

    /**
     * Why the directories above {@code path} are unsafe for keeping private state in: each must
     * belong to root or this user, and be writable by others only with the sticky bit. Symbolic
     * links above it are followed (a home directory may be one) and their targets checked.
     */
    private static Optional<String> whyNotSafeAbove(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent == null) {
            return Optional.empty();
        }
        int me = euid();
        for (Path dir = parent.toRealPath(); dir != null; dir = dir.getParent()) {
            Stat d = stat(dir);
            if (d.uid() != 0 && d.uid() != me) {
                return Optional.of("directory " + dir + " above " + path + " belongs to uid " + d.uid());
            }
            if ((d.mode() & GROUP_OTHER_WRITE) != 0 && (d.mode() & S_ISVTX) == 0) {
                return Optional.of("directory " + dir + " above " + path + " is writable by others (mode "
                        + octal(d.mode()) + ")");
            }
        }
        return Optional.empty();
    }

    /** Why {@code file} is not a private file of this user (see the class comment); empty when it is. */
    public static Optional<String> whyNotPrivateFile(Path file) {
        try {
            Stat s = stat(file);
            if (s.type() == S_IFLNK) {
                return Optional.of(file + " is a symbolic link");
            }
            if (s.type() != S_IFREG) {
                return Optional.of(file + " is not a regular file");
            }
            if (s.uid() != euid()) {
                return Optional.of(file + " belongs to uid " + s.uid() + ", not to uid " + euid());
            }
            if ((s.mode() & GROUP_OTHER_WRITE) != 0) {
                return Optional.of(file + " is writable by others (mode " + octal(s.mode()) + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot check " + file + ": " + e.getMessage());
        }
    }

    /**
     * Creates {@code dir} and its missing parents, each with exactly {@code perms} (for example
     * {@code "rwxr-xr-x"}), whatever the umask; existing directories are left as they are (check
     * them with {@link #whyNotPrivateDir}).
     */
    public static void createDirectories(Path dir, String perms) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = abs.getParent();
        if (parent != null) {
            createDirectories(parent, perms);
        }
        Set<PosixFilePermission> want = PosixFilePermissions.fromString(perms);
        try {
            // Created private (the umask can only take bits away), then opened up to exactly what is wanted.
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            return; // made by a concurrent caller (or it is not a directory: the check will say so)
        }
        Files.setPosixFilePermissions(abs, want);
    }

    /** The mode as {@code ls -l} users know it, for messages: {@code 0777}. */
    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    private record Stat(int uid, int mode) {
        int type() {
            return mode & S_IFMT;
        }
    }

    private static Stat stat(Path p) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return new Stat((Integer) a.get("uid"), (Integer) a.get("mode"));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(p + " does not exist");
        }
    }
}
