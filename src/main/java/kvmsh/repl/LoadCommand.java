package kvmsh.repl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import kvmsh.dsl.DslException;
import kvmsh.dsl.ScriptLoader;

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
            // As root, only a file root owns and nobody else can change (ScriptLoader.readTrusted).
            source = new String(ScriptLoader.readTrusted(file), StandardCharsets.UTF_8);
        } catch (DslException e) {
            e.diagnostics().forEach(d -> session.out().error(":load: " + d));
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (session.evaluate(source, file.toString(), dir)) {
            session.out().info("loaded " + file);
        }
    }
}
