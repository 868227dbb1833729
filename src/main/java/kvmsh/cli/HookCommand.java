package kvmsh.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import kvmsh.hook.HookMain;

/**
 * {@code kvmsh hook [--up|--down] FILE TAP}: one call of a qemu tap hook. {@link Main#main} runs
 * hooks before picocli loads; this class gives them help, completion and a path for tests.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Run FILE as qemu's script=/downscript= for TAP, without libvirt.",
            // Picocli wraps each line at 80 columns by itself: lines shorter than that keep their breaks.
            "qemu runs `FILE TAP` itself when FILE starts with #!/usr/bin/env kvmsh.",
            "Without --up/--down the tap tells the call: on no bridge yet = up,",
            "on a bridge or gone = down.",
            "kvmsh hook --check FILE loads FILE and says what its hooks do, changing nothing."})
final class HookCommand implements Callable<Integer> {

    @Option(names = "--up", description = "the script= call: the tap joins (running it twice changes nothing)")
    boolean up;

    @Option(names = "--down", description = "the downscript= call: the tap leaves")
    boolean down;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .kvm script with a hook statement")
    Path file;

    @Parameters(index = "1", paramLabel = "TAP", description = "the tap device qemu names")
    String tap;

    @Override
    public Integer call() {
        if (up && down) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh hook: --up or --down, not both");
        }
        List<String> args = new ArrayList<>();
        if (up) {
            args.add("--up");
        }
        if (down) {
            args.add("--down");
        }
        args.add(file.toString());
        args.add(tap);
        PrintStream err = System.err;
        return HookMain.runCommand(args, err, System.getenv());
    }
}
