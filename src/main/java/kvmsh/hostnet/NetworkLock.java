package kvmsh.hostnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held across processes ({@link FileChannel#tryLock}) and across the
 * threads of this JVM. A lock file is only deleted by its holder, through {@link #deleteFile}, which
 * marks it dead first (one byte): a process that was waiting on the unlinked file sees the mark and
 * retries on a fresh one, so nobody ever "holds" a lock others cannot see.
 * <p>
 * Two things make it recover instead of hang. A holder killed between marking and unlinking leaves
 * a marked file that is still the lock's path: whoever locks it next sees that it is the file the
 * path names, so no holder will ever unlink it, and takes it over (clears the mark). And every wait
 * is bounded ({@link #WAIT_SECONDS}): past it the call fails, naming the lock, what it guards and
 * the process holding it.
 * <p>
 * The lock file is opened without following symbolic links, in a directory {@link RunFiles}
 * created and checked.
 */
final class NetworkLock implements AutoCloseable {

    /** How long a caller waits for a lock before it gives up and says who holds it. */
    static final long WAIT_SECONDS = 120;

    // File locks belong to the whole process: a second FileChannel.lock on the same file from
    // another thread throws OverlappingFileLockException instead of waiting. So threads queue on
    // this JVM-wide map first; it is keyed by path and only ever holds one lock per file.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private static final java.nio.file.attribute.FileAttribute<?> LOCK_MODE =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

    private final Path path;
    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private NetworkLock(Path path, ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.path = path;
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** {@link #acquire(Path, String, long)} with the standard bound. */
    static NetworkLock acquire(Path file, String guards) {
        return acquire(file, guards, TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /**
     * Waits until this thread holds the lock on {@code file} (created if missing), at most
     * {@code waitMillis}.
     *
     * @param guards what the lock protects, for the message when the wait runs out ("network 'lan'")
     * @throws HostNetworkException when the wait runs out
     */
    static NetworkLock acquire(Path file, String guards, long waitMillis) {
        Path key = file.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!threadLock.tryLock(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw timedOut(key, guards, waitMillis, "another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostNetworkException("interrupted while waiting for the lock of " + guards + " (" + key + ")");
        }
        FileChannel channel = null;
        try {
            while (true) {
                Object before;
                try {
                    RunFiles.directory(key.getParent());
                    before = fileKey(key);
                    // rw-r--r-- whatever the umask (which can only take bits away): nobody else may mark it dead.
                    channel = FileChannel.open(key, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), LOCK_MODE);
                } catch (NoSuchFileException raced) {
                    continue; // the directory was removed between the two calls: make it again
                }
                FileLock lock = lockBefore(channel, deadline);
                if (lock == null) {
                    throw timedOut(key, guards, waitMillis, holder(key));
                }
                if (channel.size() == 0) {
                    return new NetworkLock(key, threadLock, channel, lock);
                }
                if (before != null && before.equals(fileKey(key))) {
                    // Marked dead, yet still the file the path names: its holder was killed between
                    // marking and unlinking, and nobody will ever unlink it. It is ours now.
                    channel.truncate(0);
                    channel.force(false);
                    return new NetworkLock(key, threadLock, channel, lock);
                }
                // A holder marked this file dead and unlinked it while we waited: lock the new one.
                closeQuietly(channel);
                channel = null;
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock " + key, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Polls for the file lock until {@code deadline}; null when it did not come. */
    private static FileLock lockBefore(FileChannel channel, long deadline) throws IOException {
        long pause = 2;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (remaining(deadline) <= 0) {
                return null;
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline)))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    /** The identity (device and inode) of what {@code path} names now, or null when nothing. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static HostNetworkException timedOut(Path key, String guards, long waitMillis, String holder) {
        return new HostNetworkException("gave up after " + (waitMillis / 1000.0) + " s waiting for the lock of "
                + guards + " (" + key + "), held by " + holder + " — if that process hangs, stop it; "
                + "kvmsh takes over a lock whose holder died");
    }

    /** Who holds the POSIX lock on {@code path}, from {@code /proc/locks}, for the time-out message. */
    private static String holder(Path path) {
        try {
            Object fk = fileKey(path);
            Object ino = Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
                if (f.length > 5 && f[1].equals("POSIX") && f[5].endsWith(":" + ino)) {
                    String cmd = readCmdline(f[4]);
                    return "pid " + f[4] + (cmd.isEmpty() ? "" : " (" + (cmd.length() > 80 ? cmd.substring(0, 80) + "…" : cmd) + ")");
                }
            }
            return fk == null ? "nobody (the file is gone)" : "another process";
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
    }

    private static String readCmdline(String pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ').replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Removes the lock file while holding it, so nothing is left behind once a network is gone:
     * the file is marked dead first (waiters that then get it see that and lock a fresh file),
     * then unlinked; its directory goes too when it is empty. The lock stays held until close.
     */
    void deleteFile() {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {'x'}), 0);
            channel.force(false);
            Files.deleteIfExists(path);
            deleteIfEmpty(path.getParent());
        } catch (IOException e) {
            // A lock file left behind is harmless: the next caller takes it over.
        }
    }

    /** Deletes {@code dir} when it is empty; another process may have just filled it, which is fine. */
    static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (or already gone): leave it
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock anyway.
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
