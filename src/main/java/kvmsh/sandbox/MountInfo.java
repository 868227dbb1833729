package kvmsh.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts of one mount namespace, parsed from the text of {@code /proc/<pid>/mountinfo}. */
record MountInfo(List<Mount> mounts) {

    /** One line: mount point, filesystem type and source (e.g. {@code nsfs}, {@code kvmsh-sysfs}). */
    record Mount(Path mountPoint, String root, String fsType, String source) {
    }

    static MountInfo ofSelf() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses mountinfo text: {@code id parent maj:min root mountpoint options [optional...] - fstype source super}.
     * Paths escape space, tab, newline and backslash as octal ({@code \040}).
     */
    static MountInfo parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            out.add(new Mount(Path.of(unescape(f[4])), unescape(f[3]), f[dash + 1], unescape(f[dash + 2])));
        }
        return new MountInfo(List.copyOf(out));
    }

    /** The mount visible at {@code point}: the last one listed there (later mounts cover earlier ones). */
    Mount top(Path point) {
        Mount found = null;
        for (Mount m : mounts) {
            if (m.mountPoint().equals(point)) {
                found = m;
            }
        }
        return found;
    }

    boolean isMountPoint(Path point) {
        return top(point) != null;
    }

    /** Mount points at or below {@code dir}, deepest first (the order to unmount them in). */
    List<Path> under(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.mountPoint().startsWith(dir) && !out.contains(m.mountPoint())) {
                out.add(m.mountPoint());
            }
        }
        out.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        return out;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                String oct = s.substring(i + 1, i + 4);
                if (oct.matches("[0-7]{3}")) {
                    b.append((char) Integer.parseInt(oct, 8));
                    i += 3;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
