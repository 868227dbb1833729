package kvmsh.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code :load FILE}: runs a .kvm script in the session, as if its text were typed (one entry). */
final class LoadCommand implements MetaCommand {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return ":load FILE";
    }

    @Override
    public String summary() {
        return "run a .kvm script in this session (its declarations join the session's)";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.size() != 1) {
            session.out().error("usage: " + usage());
            return;
        }
        Path file = Path.of(args.get(0));
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            session.out().error(":load: cannot read " + file + ": " + e.getMessage());
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (session.evaluate(source, file.toString(), dir)) {
            session.out().info("loaded " + file);
        }
    }
}
