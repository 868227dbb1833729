package kvmsh.hook;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvmsh.cli.ExitCodes;
import kvmsh.dsl.DslException;
import kvmsh.dsl.LoadedScript;
import kvmsh.dsl.compile.DeclarativeCheck;
import kvmsh.dsl.compile.ScriptCache;
import kvmsh.dsl.ScriptLoader;
import kvmsh.dsl.ValidationEnv;
import kvmsh.host.ProcessRunner;
import kvmsh.hostnet.HostNetworkDriver;
import kvmsh.hostnet.RunDirectory;

/**
 * The hook entry point, kept free of picocli and libvirt so a qemu hook starts fast:
 * <pre>
 *   kvmsh FILE TAP                 qemu's script=/downscript= call (FILE starts with #!/usr/bin/env kvmsh)
 *   kvmsh hook [--up|--down] FILE TAP
 * </pre>
 * Exit codes are the CLI's ({@link ExitCodes}): 0 done, 1 the host refused (what this call made
 * is removed again), 2 usage, 3 script errors, 70 a bug in kvmsh. A failure is one line on stderr, which qemu shows to its user.
 * {@code KVMSH_RUN_DIR} moves the driver's run directory (default {@code /run/kvmsh/net}).
 */
public final class HookMain {

    /** What {@link #runFile} returns for a script without a {@code hook}: run it as an ordinary script. */
    public static final int NOT_A_HOOK = -1;

    private static final String USAGE = "kvmsh hook: usage: kvmsh hook [-v] [--up|--down] FILE TAP | kvmsh hook --check FILE";

    private HookMain() {
    }

    /**
     * {@code kvmsh hook --check FILE}: loads the script and says what its hooks do, touching
     * nothing (and warms what a call uses, for {@link #train}).
     */
    static int check(Path file, PrintStream out) {
        try {
            LoadedScript script = load(file, List.of("tap0"));
            if (script.hooks().isEmpty()) {
                out.println("kvmsh: " + file + ": not a hook script — add hook 'NETWORK'");
                return ExitCodes.SCRIPT_ERRORS;
            }
            // Warm what a real call uses, without running anything on the host.
            new HostNetworkDriver(new ProcessRunner(), new RunDirectory(Path.of("/nonexistent")));
            new groovy.json.JsonSlurper().parseText("[{\"ifname\":\"x\"}]");
            new ProcessRunner().run("true");
            TapHook.only(script.hooks());
            HookResults.decode(HookResults.encode(script));
            for (var h : script.hooks()) {
                out.println(file + ": " + h.origin() + ": tap joins network '" + h.network() + "' on "
                        + (h.on() == kvmsh.dsl.HookDef.Direction.BOTH ? "up and down" : h.on().name().toLowerCase())
                        + (h.keep() ? ", network kept after its last tap" : ""));
            }
            return ExitCodes.OK;
        } catch (DslException e) {
            e.diagnostics().forEach(out::println);
            return ExitCodes.of(e);
        }
    }

    /** The tap {@link #train} runs the hook for. */
    static final String TRAINING_TAP = "kvmsh-train0";

    /**
     * {@code kvmsh hook --train FILE}: what bin/kvmsh runs once per build under
     * {@code -XX:ArchiveClassesAtExit}, so that the class-data archive hooks start from holds what a
     * real call loads. It runs {@link #check}, then — only inside a network namespace that holds
     * nothing but {@code lo} (bin/kvmsh makes one with {@code unshare --net}; it is gone when the
     * run ends) — the file's up and down for a tap of its own, with {@code KVMSH_RUN_DIR} as run
     * directory. Anywhere else it stops after the check and changes nothing.
     */
    static int train(Path file, PrintStream out, Map<String, String> env) {
        int code = check(file, out);
        ProcessRunner runner = new ProcessRunner();
        var links = runner.run("ip", "-o", "link", "show");
        List<String> names = links.stdout().lines().map(l -> l.split(":\\s*")[1]).toList();
        if (code != 0 || !links.ok() || !names.equals(List.of("lo")) || env.get("KVMSH_RUN_DIR") == null) {
            out.println("kvmsh: hook --train: not in a fresh network namespace with KVMSH_RUN_DIR set; checked only");
            return code;
        }
        runner.check("ip", "tuntap", "add", "dev", TRAINING_TAP, "mode", "tap");
        try {
            // Up (the tap is on no bridge), then down (it is on the network's bridge).
            int up = runFile(file, List.of(TRAINING_TAP), null, out, env);
            int down = runFile(file, List.of(TRAINING_TAP), null, out, env);
            out.println("kvmsh: hook --train: up and down for tap " + TRAINING_TAP + ": exit " + up + ", " + down);
            return Math.max(up, down);
        } finally {
            runner.run("ip", "link", "del", "dev", TRAINING_TAP);
        }
    }

    /** True when {@code arg} names a script file rather than a subcommand or an option. */
    public static boolean isScriptFile(String arg) {
        // A path (what qemu and the kernel pass) or a .kvm name, never a bare word: a file called
        // 'run' in the working directory must not hijack 'kvmsh run x.kvm'.
        return !arg.startsWith("-") && (arg.contains("/") || arg.endsWith(".kvm")) && Files.isRegularFile(Path.of(arg));
    }

    /** {@code kvmsh hook [--up|--down] FILE TAP}. */
    public static int runCommand(List<String> args, PrintStream err, Map<String, String> env) {
        List<String> rest = new ArrayList<>(args);
        TapHook.Call call = null;
        boolean check = false;
        boolean train = false;
        while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
            switch (rest.remove(0)) {
                case "-v", "--verbose" -> kvmsh.host.Verbosity.enable();
                case "--up" -> call = TapHook.Call.UP;
                case "--down" -> call = TapHook.Call.DOWN;
                case "--check" -> check = true;
                case "--train" -> train = true;
                default -> {
                    err.println(USAGE);
                    return ExitCodes.USAGE;
                }
            }
        }
        if (train && rest.size() == 1) {
            return train(Path.of(rest.get(0)), System.out, env);
        }
        if (check && rest.size() == 1) {
            return check(Path.of(rest.get(0)), System.out);
        }
        if (rest.size() != 2) {
            err.println(USAGE);
            return ExitCodes.USAGE;
        }
        int code = runFile(Path.of(rest.get(0)), rest.subList(1, 2), call, err, env);
        if (code == NOT_A_HOOK) {
            err.println("kvmsh: " + rest.get(0) + ": not a hook script — add hook 'NETWORK'");
            return ExitCodes.SCRIPT_ERRORS;
        }
        return code;
    }

    /**
     * Runs {@code file} as a hook for the tap {@code args[0]}.
     *
     * @param call UP or DOWN, or null to infer it from the tap ({@link TapHook#infer})
     * @return an exit code, or {@link #NOT_A_HOOK}
     */
    public static int runFile(Path file, List<String> args, TapHook.Call call, PrintStream err,
                              Map<String, String> env) {
        LoadedScript script;
        try {
            script = load(file, args);
        } catch (DslException e) {
            // A hook script with errors must not fall through to 'run': report them.
            e.diagnostics().forEach(d -> err.println(d));
            return ExitCodes.of(e);
        }
        if (script.hooks().isEmpty()) {
            return NOT_A_HOOK;
        }
        if (args.size() != 1) {
            err.println("kvmsh: " + file + ": a hook takes the tap name as its only argument (qemu passes it)");
            return ExitCodes.USAGE;
        }
        String tap = args.get(0);
        TapHook hook = new TapHook(new HostNetworkDriver(new ProcessRunner(), RunDirectory.fromEnv(env)));
        TapHook.Call which = call;
        try {
            which = which != null ? which : TapHook.only(script.hooks()).orElseGet(() -> hook.infer(tap));
            hook.run(script, tap, which);
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            String what = which == null ? "" : " " + which.name().toLowerCase();
            err.println("kvmsh: " + file + what + " " + tap + ": " + oneLine(e));
            return ExitCodes.of(e);
        }
    }

    /**
     * The file's declarations: from the cache when the file is purely declarative and unchanged
     * (no Groovy started: qemu waits for this on every VM start), else by running it.
     */
    static LoadedScript load(Path file, List<String> args) {
        return load(file, args, new HookResults(ScriptCache.directory().orElse(null)));
    }

    static LoadedScript load(Path file, List<String> args, HookResults results) {
        // Refused before anything else when root must not run it (see ScriptLoader.readTrusted).
        byte[] text = ScriptLoader.readTrusted(file);
        String build = ScriptCache.build();
        java.util.Optional<String> key = results.key(file);
        java.util.Optional<LoadedScript> cached = key.flatMap(k -> results.read(k, file, text, build));
        if (cached.isPresent()) {
            return cached.get();
        }
        // From the text already read: the file is read once per call, and what is cached is what ran.
        String source = new String(text, java.nio.charset.StandardCharsets.UTF_8);
        LoadedScript script = new ScriptLoader(ValidationEnv.local()).boundedForHooks().loadScript(source, file.toString(), args);
        if (key.isPresent() && !script.hooks().isEmpty() && DeclarativeCheck.isDeclarative(source)) {
            results.write(key.get(), file, text, build, script);
        }
        return script;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
