package kvmsh.cli;

/**
 * The {@code java} entry point. Hooks are dispatched here, before picocli and libvirt load: qemu
 * waits for a hook on every VM start. This class names no picocli type, so the JVM's check of the
 * main class does not load picocli's large {@code CommandLine} either (as starting {@link Main}
 * does: its public methods return one).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (kvmsh.host.Verbosity.requested(System.getenv())) {
            kvmsh.host.Verbosity.enable();
        }
        // hook --help goes to picocli with the other commands' help: a hook call never asks for it.
        if (args.length > 0 && args[0].equals("hook") && !asksForHelp(args)) {
            System.exit(kvmsh.hook.HookMain.runCommand(java.util.List.of(args).subList(1, args.length), System.err,
                    System.getenv()));
        }
        if (args.length > 0 && kvmsh.hook.HookMain.isScriptFile(args[0])) {
            // 'kvmsh FILE ARGS' (also a #!/usr/bin/env kvmsh script run directly): a hook, else 'run'.
            int code = kvmsh.hook.HookMain.runFile(java.nio.file.Path.of(args[0]),
                    java.util.List.of(args).subList(1, args.length), null, System.err, System.getenv());
            if (code != kvmsh.hook.HookMain.NOT_A_HOOK) {
                System.exit(code);
            }
            String[] run = new String[args.length + 1];
            run[0] = "run";
            System.arraycopy(args, 0, run, 1, args.length);
            args = run;
        }
        System.exit(Main.execute(args));
    }

    /** Whether {@code args} ask for help or the version ({@code kvmsh hook --help}). */
    static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }
}
