package kvmsh.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import kvmsh.dsl.save.ScriptWriter;
import kvmsh.model.HostModel;

/**
 * {@code :save FILE}: writes the session's declarations as a .kvm script ({@code kvmsh run} takes it).
 * An existing file is kept unless the user says to replace it: {@code :save! FILE} or {@code :save --force FILE}.
 */
final class SaveCommand implements MetaCommand {

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String usage() {
        return ":save FILE (:save! FILE replaces an existing one)";
    }

    @Override
    public String summary() {
        return "write the session's declarations as a .kvm script";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        List<String> files = args.stream().filter(a -> !a.equals("--force")).toList();
        boolean force = files.size() < args.size();
        if (files.size() != 1) {
            session.out().error("usage: " + usage());
            return;
        }
        Path file = Path.of(files.get(0));
        if (!force && Files.exists(file)) {
            session.out().error(":save: " + file + " exists — :save! " + file + " replaces it, or name another file");
            return;
        }
        HostModel model = session.model();
        if (model == null) {
            return;
        }
        String text = "// Saved from a kvmsh REPL session. Run it with: kvmsh run " + file.getFileName() + "\n"
                + ScriptWriter.write(model);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            Path dir = file.toAbsolutePath().getParent();
            session.out().error(":save: cannot write " + file + ": there is no directory " + dir + " — create it first");
            return;
        } catch (IOException e) {
            session.out().error(":save: cannot write " + file + ": " + e.getMessage());
            return;
        }
        session.out().info("saved " + model.networks().size() + " network(s) and " + model.vms().size()
                + " vm(s) to " + file);
    }
}
