package kvmsh.hostnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held across processes ({@link FileChannel#lock}) and across the
 * threads of this JVM. A lock file is only deleted by its holder, through {@link #deleteFile}, which
 * marks it dead first: a process that was waiting on the unlinked file sees the mark and retries
 * on a fresh one, so nobody ever "holds" a lock others cannot see.
 */
final class NetworkLock implements AutoCloseable {

    // File locks belong to the whole process: a second FileChannel.lock on the same file from
    // another thread throws OverlappingFileLockException instead of waiting. So threads queue on
    // this JVM-wide map first; it is keyed by path and only ever holds one lock per file.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

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

    /** Waits until this thread holds the lock on {@code file} (created if missing). */
    static NetworkLock acquire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            while (true) {
                try {
                    Files.createDirectories(key.getParent());
                    channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (NoSuchFileException raced) {
                    continue; // the directory was removed between the two calls: make it again
                }
                FileLock lock = channel.lock();
                if (channel.size() == 0) {
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

    /**
     * Removes the lock file while holding it, so nothing is left behind once a network is gone:
     * the file is marked dead first (waiters that then get it see that and lock a fresh file),
     * then unlinked; its directory goes too when it is empty. The lock stays held until close.
     */
    void deleteFile() {
        try {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), 0);
            channel.force(false);
            Files.deleteIfExists(path);
            deleteIfEmpty(path.getParent());
        } catch (IOException e) {
            // A lock file left behind is harmless.
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
