package kvmsh.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import kvmsh.dsl.save.ScriptWriter;
import kvmsh.model.HostModel;

/** {@code :save FILE}: writes the session's declarations as a .kvm script ({@code kvmsh run} takes it). */
final class SaveCommand implements MetaCommand {

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String usage() {
        return ":save FILE";
    }

    @Override
    public String summary() {
        return "write the session's declarations as a .kvm script";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        if (args.size() != 1) {
            session.out().error("usage: " + usage());
            return;
        }
        HostModel model = session.model();
        if (model == null) {
            return;
        }
        Path file = Path.of(args.get(0));
        String text = "// Saved from a kvmsh REPL session. Run it with: kvmsh run " + file.getFileName() + "\n"
                + ScriptWriter.write(model);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            session.out().error(":save: cannot write " + file + ": " + e.getMessage());
            return;
        }
        session.out().info("saved " + model.networks().size() + " network(s) and " + model.vms().size()
                + " vm(s) to " + file);
    }
}
