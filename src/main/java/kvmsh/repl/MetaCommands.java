package kvmsh.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jline.terminal.Terminal;

import kvmsh.dsl.Keywords;
import kvmsh.plan.HostUnreachableException;
import kvmsh.plan.StepFailedException;

/** The REPL's ':' commands by name, and how a ':' line is split and dispatched. */
final class MetaCommands {

    private final Map<String, MetaCommand> byName = new LinkedHashMap<>();

    /**
     * @param terminal    the interactive terminal (for :top's key press), or null in batch mode
     * @param topInterval time between two :top refreshes
     */
    MetaCommands(Terminal terminal, Duration topInterval) {
        for (MetaCommand c : List.of(new HelpCommand(this), new LoadCommand(), new ImportCommand(), new PlanCommand(), new ApplyCommand(),
                new XmlCommand(), new ListCommand(), new LeasesCommand(), new TopCommand(terminal, topInterval),
                new ConnectCommand(), new HostsCommand(), new ShowCommand(), new ForgetCommand(), new ResetCommand(),
                new SaveCommand(), new QuitCommand())) {
            byName.put(c.name(), c);
        }
    }

    List<MetaCommand> all() {
        return List.copyOf(byName.values());
    }

    Optional<MetaCommand> find(String name) {
        MetaCommand c = byName.get(name);
        if (c == null && name.equals("exit")) {
            c = byName.get("quit");
        }
        return Optional.ofNullable(c);
    }

    /** Runs a ':' line; unknown commands and host errors print one line. */
    void run(ReplSession session, String line) {
        List<String> words = words(line.strip().substring(1));
        if (words.isEmpty()) {
            session.out().error("a command name must follow ':' — :help lists them");
            return;
        }
        String name = words.get(0);
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        // ":save! FILE" is ":save --force FILE", as vi's ":w!" writes over a file.
        if (name.length() > 1 && name.endsWith("!")) {
            name = name.substring(0, name.length() - 1);
            args.add(0, "--force");
        }
        Optional<MetaCommand> command = find(name);
        if (command.isEmpty()) {
            session.out().error("unknown command ':" + name + "' — "
                    + Keywords.nearest(name, byName.keySet()).map(n -> "did you mean ':" + n + "'?")
                    .orElse(":help lists the commands"));
            return;
        }
        try {
            command.get().run(session, args);
        } catch (StepFailedException | HostUnreachableException e) {
            session.out().error(":" + name + ": " + e.getMessage());
        } finally {
            session.hostChanged();
        }
    }

    /** Whitespace-separated words; quotes around a word are dropped ({@code :load 'my file.kvm'} keeps the space). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    static List<String> of(String... items) {
        return Arrays.asList(items);
    }
}
