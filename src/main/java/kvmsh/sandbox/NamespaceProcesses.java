package kvmsh.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and kills the processes living in given namespaces, the way {@code ip netns pids} does: by
 * comparing each {@code /proc/<pid>/ns/*} link with the namespace's nsfs inode. Done in Java
 * because it must also cover the persisted mount namespace and must not trust pid files after a
 * crash.
 */
final class NamespaceProcesses {

    private NamespaceProcesses() {
    }

    /**
     * The identity of the namespace bound at {@code file} (e.g. {@code /run/netns/kvmsh-x}), as
     * written in {@code /proc/<pid>/ns/<kind>} links: {@code net:[4026532177]}. Empty when the file
     * is missing or is not a namespace (a leftover plain file after a crash).
     */
    static Optional<String> identity(String kind, Path file) {
        try {
            Object nsfsDev = Files.getAttribute(Path.of("/proc/self/ns/" + kind), "unix:dev");
            if (!Files.exists(file) || !nsfsDev.equals(Files.getAttribute(file, "unix:dev"))) {
                return Optional.empty();
            }
            return Optional.of(kind + ":[" + Files.getAttribute(file, "unix:ino") + "]");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Live (non-zombie) processes whose net or mnt namespace is one of {@code identities}. */
    static List<Long> in(Set<String> identities) {
        List<Long> out = new ArrayList<>();
        if (identities.isEmpty()) {
            return out;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == self || pid == 1 || !isLive(proc)) {
                    continue;
                }
                if (identities.contains(link(proc, "net")) || identities.contains(link(proc, "mnt"))) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot list /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /** The identity of {@code pid}'s namespace of {@code kind}, or "" when it has exited. */
    static String namespaceOf(long pid, String kind) {
        return link(Path.of("/proc", Long.toString(pid)), kind);
    }

    static boolean isLive(long pid) {
        return isLive(Path.of("/proc", Long.toString(pid)));
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Sends SIGTERM, then SIGKILL to what is left, until nothing lives in the namespaces or the
     * time is up. Returns the pids still alive (empty on success).
     */
    static List<Long> killAll(Set<String> identities, long graceMillis) {
        List<Long> left = in(identities);
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        left = waitGone(identities, graceMillis);
        for (int round = 0; round < 3 && !left.isEmpty(); round++) {
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            left = waitGone(identities, 5000);
        }
        return left;
    }

    private static List<Long> waitGone(Set<String> identities, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Long> left = in(identities);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            left = in(identities);
        }
        return left;
    }

    private static boolean isLive(Path proc) {
        try {
            // Field 3 of stat is the state; a zombie (Z) or dead (X) task no longer holds namespaces,
            // and its reaping is up to its parent (pid 1 here), not to us.
            String stat = Files.readString(proc.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String link(Path proc, String kind) {
        try {
            return Files.readSymbolicLink(proc.resolve("ns").resolve(kind)).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }
}
