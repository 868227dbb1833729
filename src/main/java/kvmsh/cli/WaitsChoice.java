package kvmsh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import kvmsh.progress.PlainWaits;
import kvmsh.progress.TerminalWaits;
import kvmsh.progress.Waits;

/**
 * The waits of one command, chosen once where it starts: live progress lines when its progress goes
 * to a terminal, else a plain line when a wait starts and one when it ends. Verbose output
 * ({@code -v}) writes to the same terminal from other threads, so it gets the plain lines too.
 */
final class WaitsChoice implements AutoCloseable {

    private final Waits waits;
    private final TerminalWaits live;
    /**
     * Asked for the width; opened on a thread of its own when the first live line is drawn (most
     * commands wait for nothing, and opening it costs a fresh JVM some 600 ms): until then lines
     * are 80 columns wide.
     */
    private java.util.concurrent.CompletableFuture<Terminal> terminal;
    private boolean closed;

    private WaitsChoice(PrintWriter out, boolean onTerminal, boolean color, String indent) {
        if (onTerminal) {
            live = new TerminalWaits(out, this::width, color, indent);
            waits = live;
        } else {
            live = null;
            waits = new PlainWaits(line -> {
                out.println(indent + line);
                out.flush();
            });
        }
    }

    /**
     * @param out        where the command shows its progress
     * @param toStdout   whether {@code out} is standard output (the one the terminal check asks about)
     * @param verbose    whether {@code -v} or {@code KVMSH_VERBOSE} is on
     * @param indent     put before each line (the CLI's step lines are indented by two)
     */
    static WaitsChoice of(PrintWriter out, boolean toStdout, boolean verbose, Map<String, String> env, String indent) {
        boolean terminal = toStdout && !verbose && !kvmsh.host.Verbosity.requested(env) && PlanOutput.stdoutIsTerminal()
                && env.get("TERM") != null && !env.get("TERM").startsWith("dumb");
        String noColor = env.get("NO_COLOR");
        return new WaitsChoice(out, terminal, noColor == null || noColor.isEmpty(), indent);
    }

    Waits waits() {
        return waits;
    }

    private synchronized int width() {
        if (terminal == null && !closed) {
            // No signal handlers of JLine's: the command's own (Interruption) handle Ctrl-C.
            terminal = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return TerminalBuilder.builder().system(true).nativeSignals(false).build();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> {
                Thread t = new Thread(r, "kvmsh-terminal-width");
                t.setDaemon(true);
                t.start();
            });
        }
        Terminal t = terminal == null || !terminal.isDone() || terminal.isCompletedExceptionally() ? null : terminal.join();
        return t != null && t.getWidth() > 0 ? t.getWidth() : 80;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (live != null) {
            live.close();
        }
        if (terminal != null) {
            // Only the width was asked of it; one still opening is closed once it is open.
            terminal.thenAccept(t -> {
                try {
                    t.close();
                } catch (IOException e) {
                    // Nothing was changed on it.
                }
            });
        }
    }
}
