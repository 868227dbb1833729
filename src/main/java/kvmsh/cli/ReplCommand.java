package kvmsh.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.progress.PlainWaits;
import kvmsh.progress.TerminalWaits;
import kvmsh.progress.Waits;
import kvmsh.repl.Repl;
import kvmsh.repl.ReplOutput;
import kvmsh.repl.ReplSession;

/**
 * {@code kvmsh repl} (and {@code kvmsh} with no command): the interactive shell. On a terminal it
 * reads with JLine; with piped input it runs the entries as a batch and exits 3 if any failed.
 */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Start the interactive shell (also what kvmsh does without a command).",
            "Piped input runs as a batch: the same entries, no prompts; exit code 3 if any failed.",
            "History: ~/.kvmsh_history (KVMSH_HISTORY overrides)."})
final class ReplCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return start(main, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int start(Main main, PrintWriter out, PrintWriter err) {
        Target target = main.target();
        if (System.console() == null) {
            // Piped: a line when a statement's wait starts and one when it ends, among its output.
            Waits waits = new PlainWaits(line -> {
                out.println(line);
                out.flush();
            });
            LibvirtHypervisor hv = connect(target.uri(), waits);
            try (ReplSession session = new ReplSession(hv, uri -> connect(uri, waits), new ReplOutput(out, err, false))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return Repl.batch(session, in).run() == 0 ? ExitCodes.OK : ExitCodes.SCRIPT_ERRORS;
            }
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("kvmsh").build()) {
            boolean ansi = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
            // Errors, plans and bars are coloured as the CLI's plan is: not under NO_COLOR (no-color.org).
            boolean color = ansi && PlanOutput.colour(PlanOutput.When.auto, System.getenv(), true);
            PrintWriter w = terminal.writer();
            // A statement runs while the line reader waits for it: its waits have the terminal to themselves.
            try (TerminalWaits live = new TerminalWaits(w, terminal::getWidth, color, "")) {
                Waits waits = ansi ? live : new PlainWaits(line -> {
                    w.println(line);
                    w.flush();
                });
                LibvirtHypervisor hv = connect(target.uri(), waits);
                try (ReplSession session = new ReplSession(hv, uri -> connect(uri, waits), new ReplOutput(w, w, color))) {
                    w.println("kvmsh " + target.uri() + " — :help for help, Tab completes, Ctrl-D quits");
                    w.flush();
                    Repl.onTerminal(session, terminal, history(System.getenv()), Duration.ofSeconds(1)).run();
                }
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LibvirtHypervisor connect(String uri, Waits waits) {
        return LibvirtHypervisor.connect(uri, Target.forUri(uri).links(), waits);
    }

    static Path history(Map<String, String> env) {
        String file = env.get("KVMSH_HISTORY");
        return file != null && !file.isBlank() ? Path.of(file)
                : Path.of(System.getProperty("user.home"), ".kvmsh_history");
    }
}
