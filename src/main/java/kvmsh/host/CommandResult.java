package kvmsh.host;

import java.util.List;

/** What a finished external command returned. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** Throws {@link CommandException} unless the command exited 0; returns this for chaining. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new CommandException(this);
        }
        return this;
    }
}
