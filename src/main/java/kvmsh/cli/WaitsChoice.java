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
    /** Asked for the width, opened at the first live line only (most commands wait for nothing). */
    private Terminal terminal;

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
        try {
            if (terminal == null) {
                // No signal handlers of JLine's: the command's own (Interruption) handle Ctrl-C.
                terminal = TerminalBuilder.builder().system(true).nativeSignals(false).build();
            }
            return terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        } catch (IOException | RuntimeException e) {
            return 80;
        }
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
        }
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                // Only the width was asked of it.
            }
        }
    }
}
