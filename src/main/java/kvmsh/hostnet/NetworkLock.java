package kvmsh.hostnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held across processes ({@link FileChannel#lock}) and across the
 * threads of this JVM. The lock files are never deleted: a process waiting on a file another one
 * unlinked would "hold" a lock nobody else can see.
 */
final class NetworkLock implements AutoCloseable {

    // File locks belong to the whole process: a second FileChannel.lock on the same file from
    // another thread throws OverlappingFileLockException instead of waiting. So threads queue on
    // this JVM-wide map first; it is keyed by path and only ever holds one lock per file.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private NetworkLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
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
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new NetworkLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock " + key, io);
            }
            throw (RuntimeException) e;
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
