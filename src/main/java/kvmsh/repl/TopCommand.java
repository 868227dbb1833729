package kvmsh.repl;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * {@code :top [N]}: per running VM, CPU % and memory, refreshed every interval; stops after N
 * refreshes, on any key, or on Ctrl-C. Without a terminal (batch) it shows one refresh unless N says more.
 */
final class TopCommand implements MetaCommand {

    private final Terminal terminal;
    private final Duration interval;

    /**
     * @param terminal the interactive terminal (key presses stop top, the screen is redrawn), or null
     * @param interval time between refreshes
     */
    TopCommand(Terminal terminal, Duration interval) {
        this.terminal = terminal;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "top";
    }

    @Override
    public String usage() {
        return ":top [N]";
    }

    @Override
    public String summary() {
        return "CPU % and memory per running VM, refreshed until a key, Ctrl-C or N refreshes";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        int refreshes;
        try {
            refreshes = args.isEmpty() ? (terminal == null ? 1 : Integer.MAX_VALUE) : Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            session.out().error("usage: " + usage() + " — N is a number of refreshes");
            return;
        }
        HostQueries q = session.queries();
        List<DomainSample> before = q.sample();
        Attributes saved = terminal == null ? null : terminal.enterRawMode();
        try {
            for (int i = 0; i < refreshes; i++) {
                if (!waitOrKey()) {
                    break;
                }
                List<DomainSample> now = q.sample();
                if (terminal != null) {
                    terminal.puts(Capability.clear_screen);
                    terminal.flush();
                }
                session.out().println("top on " + session.hypervisor().uri() + " every " + interval.toMillis()
                        + " ms" + (terminal == null ? "" : " — any key stops") + "\n" + TopTable.render(before, now));
                before = now;
            }
        } finally {
            if (saved != null) {
                terminal.setAttributes(saved);
            }
        }
    }

    /** Waits one interval; false when a key was pressed or the thread interrupted (Ctrl-C). */
    private boolean waitOrKey() {
        try {
            if (terminal == null) {
                Thread.sleep(interval.toMillis());
                return true;
            }
            int c = terminal.reader().read(interval.toMillis());
            return c == -2 && !Thread.currentThread().isInterrupted();
        } catch (InterruptedException | IOException e) {
            return false;
        }
    }
}
