package kvmsh.repl;

import java.io.IOException;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** Entries typed on a terminal through JLine: editing, history, completion, multi-line entry. */
final class TerminalSource implements EntrySource {

    static final String PROMPT = "kvmsh> ";

    private final LineReader reader;
    private final Terminal terminal;

    TerminalSource(LineReader reader) {
        this.reader = reader;
        this.terminal = reader.getTerminal();
    }

    @Override
    public String next() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            // Ctrl-C while typing drops the entry, all of its lines.
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void interruptibly(Runnable work) {
        Thread worker = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> worker.interrupt());
        try {
            work.run();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            // An interrupt that came after the work ended must not hit the next entry.
            Thread.interrupted();
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("kvmsh: could not save the history: " + e.getMessage());
        }
    }
}
