package kvmsh.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One apply at a time per host: an exclusive lock per host key (a libvirt URI, the host driver's run
 * directory), held by the process that runs or removes a script from before it reads the host until its
 * last step, so a second kvmsh on this machine cannot plan against a host the first is changing. The lock
 * file says who holds it (process, command, since when), and the refusal names that holder.
 *
 * <p>The locks are POSIX record locks ({@link FileChannel#tryLock}): the kernel drops them when the holder
 * exits, however it exits, so a killed kvmsh leaves no stale lock. Lock files are never deleted (that
 * would race with a process about to lock the file it opened); they live in a directory this user owns
 * that nobody else can write ({@link FileTrust#whyNotPrivateDir}), opened without following links.
 */
public final class ApplyLock implements AutoCloseable {

    /** Held already: by another process (named in {@link #holder}) or by another apply of this one. */
    public static final class HeldException extends RuntimeException {
        private final String key;
        private final String holder;

        HeldException(String key, String holder) {
            super(key + " is being changed by another kvmsh: " + holder);
            this.key = key;
            this.holder = holder;
        }

        /** The host key that is held. */
        public String key() {
            return key;
        }

        /** What the lock file says about its holder: "pid 1234: kvmsh run /srv/site.kvm (since …)". */
        public String holder() {
            return holder;
        }
    }

    private final List<FileChannel> channels;

    private ApplyLock(List<FileChannel> channels) {
        this.channels = channels;
    }

    /** No lock at all (a host only this process sees, such as libvirt's test:///default). */
    public static ApplyLock none() {
        return new ApplyLock(List.of());
    }

    /**
     * The directory for lock files: {@code KVMSH_LOCK_DIR}, else {@code /run/kvmsh/locks} for root, else
     * {@code $XDG_RUNTIME_DIR/kvmsh/locks}, else {@code ~/.cache/kvmsh/locks}.
     */
    public static Path directory(Map<String, String> env) {
        if (env.get("KVMSH_LOCK_DIR") != null) {
            return Path.of(env.get("KVMSH_LOCK_DIR"));
        }
        if (FileTrust.isRoot()) {
            return Path.of("/run/kvmsh/locks");
        }
        if (env.get("XDG_RUNTIME_DIR") != null) {
            return Path.of(env.get("XDG_RUNTIME_DIR"), "kvmsh", "locks");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "kvmsh", "locks");
    }

    /**
     * Takes the lock of every key at once, in a fixed order (so two kvmsh with overlapping keys cannot
     * deadlock), without waiting: a key another process holds releases what was taken and throws.
     *
     * @param holder what this process is doing, recorded for a second kvmsh to read ("kvmsh run /srv/site.kvm")
     * @throws HeldException when a key is held
     */
    public static ApplyLock acquire(Path dir, List<String> keys, String holder) {
        if (keys.isEmpty()) {
            return none();
        }
        try {
            FileTrust.createDirectories(dir, "rwxr-xr-x");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock directory " + dir + ": " + e.getMessage(), e);
        }
        Optional<String> why = FileTrust.whyNotPrivateDir(dir);
        if (why.isPresent()) {
            throw new IllegalStateException("kvmsh does not use the lock directory " + dir + ": " + why.get());
        }
        List<FileChannel> taken = new ArrayList<>();
        try {
            for (String key : new TreeSet<>(keys)) {
                Path file = dir.resolve(fileName(key));
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String text = read(ch);
                    ch.close();
                    throw new HeldException(key, text.isBlank() ? "a process that has not said who it is yet" : text);
                }
                taken.add(ch);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ": " + holder + " (since "
                        + java.time.LocalDateTime.now().withNano(0) + ")").getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
            }
            return new ApplyLock(taken);
        } catch (IOException e) {
            closeAll(taken);
            throw new UncheckedIOException("cannot lock in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(taken);
            throw e;
        }
    }

    /** The lock file of a key: its SHA-256, so any URI makes a plain file name. */
    static String fileName(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12) + ".lock";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    private static void closeAll(List<FileChannel> channels) {
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing releases the lock; nothing else to do.
            }
        }
    }

    /** Releases every lock; the files stay, and the next holder rewrites what they say. */
    @Override
    public void close() {
        closeAll(channels);
    }
}
