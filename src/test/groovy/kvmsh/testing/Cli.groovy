package kvmsh.testing

import kvmsh.cli.Main

/** Runs kvmsh's command line in-process, as a user would type it, capturing what it prints. */
final class Cli {

    private Cli() {
    }

    /** @return [code: exit code, out: standard output, err: standard error] */
    static Map run(List<String> args) {
        def out = new StringWriter()
        def err = new StringWriter()
        def cl = Main.commandLine()
        cl.out = new PrintWriter(out)
        cl.err = new PrintWriter(err)
        int code = cl.execute(args as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }
}
