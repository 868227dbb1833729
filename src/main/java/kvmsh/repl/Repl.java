package kvmsh.repl;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.terminal.Terminal;

/**
 * kvmsh's interactive shell: read an entry, run it (a ':' command or DSL statements), repeat.
 * The loop stays this small; what an entry does is {@link ReplSession}'s and the commands' business.
 */
public final class Repl {

    private final ReplSession session;
    private final MetaCommands commands;
    private final EntrySource source;

    private Repl(ReplSession session, MetaCommands commands, EntrySource source) {
        this.session = session;
        this.commands = commands;
        this.source = source;
    }

    /**
     * A REPL on a terminal, with completion, highlighting, multi-line entry and history.
     *
     * @param history     the history file (e.g. ~/.kvmsh_history)
     * @param topInterval time between two :top refreshes
     */
    public static Repl onTerminal(ReplSession session, Terminal terminal, Path history, Duration topInterval) {
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        MetaCommands commands = new MetaCommands(dumb ? null : terminal, topInterval);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("kvmsh")
                .parser(new EntryParser())
                .completer(new ReplCompleter(session, commands))
                .highlighter(new ReplHighlighter())
                .variable(LineReader.HISTORY_FILE, history)
                .history(new PrivateHistory(history))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                .variable(LineReader.INDENTATION, 4)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is Groovy's not, not history
                .option(LineReader.Option.INSERT_TAB, false)
                .option(LineReader.Option.AUTO_GROUP, true)
                .build();
        // JLine's closing-bracket widgets delete up to INDENTATION blanks before any bracket they can match,
        // so "{ memory 64 }" became "{ memory 64}" in the echo and the history: a bracket is a plain character.
        for (String keymap : List.of(LineReader.MAIN, LineReader.VIINS)) {
            for (String bracket : List.of("}", ")", "]")) {
                reader.getKeyMaps().get(keymap).bind(new Reference(LineReader.SELF_INSERT), bracket);
            }
        }
        session.askWith(question -> {
            try {
                return reader.readLine(question);
            } catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException e) {
                return null;
            }
        });
        return new Repl(session, commands, new TerminalSource(reader));
    }

    /** A REPL over piped input: the same entries and semantics, no prompts. */
    public static Repl batch(ReplSession session, BufferedReader in) {
        return new Repl(session, new MetaCommands(null, Duration.ofSeconds(1)), new BatchSource(in));
    }

    /**
     * Reads and runs entries until :quit, Ctrl-D or the end of input; returns the number of errors. On a
     * terminal, Ctrl-D with declarations :apply has not made warns once; a second Ctrl-D in a row leaves.
     */
    public int run() {
        boolean warned = false;
        try {
            while (!session.quitRequested()) {
                String entry = source.next();
                if (entry == null) {
                    String pending = source.interactive() && !warned ? session.unapplied() : null;
                    if (pending == null) {
                        break;
                    }
                    session.out().info(pending);
                    warned = true;
                    continue;
                }
                if (!entry.isBlank()) {
                    warned = false;
                    source.interruptibly(() -> handle(entry));
                }
            }
        } finally {
            source.close();
        }
        return session.out().errors();
    }

    private void handle(String entry) {
        if (entry.stripLeading().startsWith(":")) {
            commands.run(session, entry);
        } else {
            session.evaluate(entry, source.line());
        }
    }

    /** Tab completion as the terminal REPL offers it (for tests and embedding). */
    ReplCompleter completer() {
        return new ReplCompleter(session, commands);
    }
}
