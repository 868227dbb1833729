package kvmsh.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kvmsh}: the command line. Subcommands are small classes; this holds the shared options. */
@Command(name = "kvmsh",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Declare KVM networks and VMs in a Groovy script and converge the host to it.",
            "Without a command: the interactive shell (kvmsh repl)."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done, or nothing to do",
            "  1  applying failed on the host; what the run changed was undone",
            "  2  wrong command-line usage",
            "  3  the script has errors; nothing was changed",
            "  4  the hypervisor could not be reached",
            "  5  a system package is missing and could not be installed",
            "  6  steps that can lose data need consent (--yes, or y at the prompt); nothing was changed",
            "  7  another kvmsh is changing the same host (the message names it); nothing was changed",
            " 70  internal error: a bug in kvmsh (--stacktrace shows where)",
            "130  interrupted (SIGINT); what the run changed was undone (143: SIGTERM)",
            "",
            "URI: -c/--connect, else LIBVIRT_DEFAULT_URI, else qemu:///system (as virsh).",
            "     -c sandbox[:NAME] manages kvmsh's private sandbox host (see: kvmsh sandbox --help)."})
public final class Main implements Callable<Integer> {

    @Option(names = {"-c", "--connect"}, paramLabel = "URI", scope = CommandLine.ScopeType.INHERIT,
            completionCandidates = CompletionCommand.Uris.class,
            description = "libvirt URI to manage (test:///default: libvirt's simulated host; sandbox[:NAME]: kvmsh's private sandbox host)")
    String connect;

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "print the Java stack trace of errors")
    boolean stacktrace;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "show every host command and libvirt call on stderr, with the time of day (also: KVMSH_VERBOSE=1)")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command, kvmsh is the interactive shell (as {@code kvmsh repl}). */
    @Override
    public Integer call() {
        return ReplCommand.start(this, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The libvirt target chosen by the options and environment. */
    Target target() {
        String uri = Target.resolveUri(connect, System.getenv());
        String sandbox = Target.sandboxName(uri);
        if (sandbox != null) {
            return Target.forSandbox(sandbox, spec.commandLine().getErr());
        }
        return Target.forUri(uri);
    }

    /** {@link Launcher#main}, for those who start this class. */
    public static void main(String[] args) {
        Launcher.main(args);
    }

    static {
        // picocli looks for Groovy closures in annotations (kvmsh has none) by loading Groovy's
        // Closure class, which starts Groovy's whole runtime on the thread building the command
        // line; kvmsh starts it on a thread of its own (Warmup), in parallel.
        System.setProperty("picocli.disable.closures", "true");
    }

    /**
     * The subcommands by name, in the order help lists them. The names are their
     * {@code @Command(name)}s (a test holds them to it): read from here, starting a command reads
     * no annotation but picocli's.
     */
    static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand.class);
        COMMANDS.put("plan", PlanCommand.class);
        COMMANDS.put("down", DownCommand.class);
        COMMANDS.put("import", ImportCommand.class);
        COMMANDS.put("ssh", SshCommand.class);
        COMMANDS.put("repl", ReplCommand.class);
        COMMANDS.put("hook", HookCommand.class);
        COMMANDS.put("sandbox", SandboxCommand.class);
        COMMANDS.put("completion", CompletionCommand.class);
    }

    /** Runs the command line {@code args} (no hook) and returns its exit code. */
    static int execute(String[] args) {
        Class<?> only = subcommand(args);
        if (only == null || only == RunCommand.class || only == PlanCommand.class || only == DownCommand.class
                || only == ReplCommand.class || only == ImportCommand.class) {
            Warmup.start();
        }
        return commandLine(only).execute(args);
    }

    /**
     * The subcommand class {@code args} name, or null when they name none (the REPL, help, a
     * mistake) or need the whole tree ({@code completion}). Only that one is then built: picocli
     * builds each subcommand's model by reflection up front, which is a good part of a cold start.
     */
    static Class<?> subcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-c") || a.equals("--connect")) {
                i++; // its value, which may well be 'sandbox'
            } else if (!a.startsWith("-")) {
                return a.equals("completion") ? null : COMMANDS.get(a);
            }
        }
        return null;
    }

    /** The command whose name is a plausible typo of {@code word} (the DSL's own nearest-word rule), or null. */
    static String nearestCommand(String word) {
        return kvmsh.dsl.Keywords.nearest(word, COMMANDS.keySet()).orElse(null);
    }

    /** The configured command line (tests call {@code execute} on it with their own streams). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only subcommand {@code only}, or all of them when null. */
    static CommandLine commandLine(Class<?> only) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        for (Class<?> c : COMMANDS.values()) {
            if (only == null || only.equals(c)) {
                cl.addSubcommand(c);
            }
        }
        // Before the command runs, and so before kvmsh's first logger is made.
        cl.setExecutionStrategy(parsed -> {
            if (main.verbose) {
                kvmsh.host.Verbosity.enable();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            int code = ExitCodes.of(ex);
            err.println(ExitCodes.message(ex) + (code == ExitCodes.INTERNAL && !main.stacktrace
                    ? " (run with --stacktrace for details)" : ""));
            Throwable trace = ex instanceof KvmshException ? ex.getCause() : ex;
            if (main.stacktrace && trace != null) {
                trace.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine.IParameterExceptionHandler standard = new CommandLine(new Main()).getParameterExceptionHandler();
            String word = ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine() == cl
                    && !u.getUnmatched().isEmpty() ? u.getUnmatched().get(0) : null;
            String near = word == null || word.startsWith("-") ? null : nearestCommand(word);
            if (near == null) {
                return standard.handleParseException(ex, args);
            }
            PrintWriter err = cl.getErr();
            err.println("kvmsh: unknown command '" + word + "' — did you mean '" + near + "'? (kvmsh --help lists them)");
            err.flush();
            return ExitCodes.USAGE;
        });
        // -c sandbox names a target, not the sandbox subcommand.
        cl.setAllowSubcommandsAsOptionParameters(true);
        // `kvmsh sandbox exec virsh list --all`: everything after the command is the command's.
        // `kvmsh ssh web ls -l`: the words after the VM are the remote command's, options too.
        CommandLine ssh = cl.getSubcommands().get("ssh");
        if (ssh != null) {
            ssh.setStopAtPositional(true);
            ssh.setUnmatchedOptionsArePositionalParams(true);
        }
        CommandLine sandbox = cl.getSubcommands().get("sandbox");
        if (sandbox != null) {
            CommandLine exec = sandbox.getSubcommands().get("exec");
            exec.setStopAtPositional(true);
            exec.setUnmatchedOptionsArePositionalParams(true);
        }
        return cl;
    }
}
