package kvmsh.repl;

import java.util.List;

/** {@code :quit} (or {@code :exit}, or Ctrl-D): leaves the REPL. */
final class QuitCommand implements MetaCommand {

    @Override
    public String name() {
        return "quit";
    }

    @Override
    public String usage() {
        return ":quit";
    }

    @Override
    public String summary() {
        return "leave (Ctrl-D does too, after a warning about declarations :apply has not made); nothing is applied that :apply did not apply";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        session.requestQuit();
    }
}
