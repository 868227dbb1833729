package kvmsh.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands as local processes, logging each at debug level. */
public final class ProcessRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    @Override
    public CommandResult run(List<String> command) {
        return run(command, null);
    }

    @Override
    public CommandResult run(List<String> command, String stdin) {
        LOG.debug("run: {}", Verbosity.shellWords(command));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            // Drain both streams concurrently so a chatty command cannot block on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            int code = p.waitFor();
            CommandResult r = new CommandResult(List.copyOf(command), code, out.join(), err.join());
            if (code != 0) {
                LOG.debug("exit {} of {}: {}", code, command.get(0), r.stderr().strip());
            }
            return r;
        } catch (IOException e) {
            return new CommandResult(List.copyOf(command), 127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(List.copyOf(command), 130, "", "interrupted");
        }
    }

    /**
     * Read from {@code /proc/sys} directly: the commands this runner starts share this process's
     * namespaces, and a hook saves starting {@code sysctl}.
     */
    @Override
    public String sysctl(String key) {
        try {
            String path = key.contains("/") ? key : key.replace('.', '/');
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys", path)).strip();
        } catch (IOException e) {
            return CommandRunner.super.sysctl(key);
        }
    }

    @Override
    public int runAttached(List<String> command) {
        LOG.debug("run attached: {}", Verbosity.shellWords(command));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
