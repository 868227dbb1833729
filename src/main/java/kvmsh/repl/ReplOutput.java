package kvmsh.repl;

import java.io.PrintWriter;

/**
 * Where the REPL writes: results to {@code out}, errors to {@code err} (the same stream on a
 * terminal, stderr in batch mode). Colours only when the terminal understands ANSI.
 */
public final class ReplOutput {

    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;
    private int errors;

    public ReplOutput(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    /** A result or table, as is. */
    public void println(String text) {
        out.println(text);
        out.flush();
    }

    /** A remark about what happened ("declared vm 'a' …"). */
    public void info(String text) {
        out.println(color ? DIM + text + RESET : text);
        out.flush();
    }

    /** One located error line; the session goes on. */
    public void error(String text) {
        errors++;
        err.println(color ? RED + text + RESET : text);
        err.flush();
    }

    /** How many errors were printed (batch mode's exit code depends on it). */
    public int errors() {
        return errors;
    }

    /** Whether this output is coloured: plans are printed in the CLI's colours then. */
    boolean colour() {
        return color;
    }

    PrintWriter writer() {
        return out;
    }
}
