package kvmsh.host;

/** An external command failed; the message is one line: the command and its own complaint. */
public class CommandException extends RuntimeException {

    private final transient CommandResult result;

    public CommandException(CommandResult result) {
        super(String.join(" ", result.command()) + " failed (exit " + result.exitCode() + ")"
                + (result.stderr().isBlank() ? "" : ": " + firstLine(result.stderr())));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
