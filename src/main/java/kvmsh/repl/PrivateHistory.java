package kvmsh.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * JLine's history, kept readable by its owner only: what was typed may include passwords. The
 * file is created {@code rw-------}, an existing one is made so, and after every save it is set
 * back (JLine rewrites the file through a temporary one when it trims it, which the umask shapes).
 */
final class PrivateHistory extends DefaultHistory {

    private static final String MODE = "rw-------";

    private final Path file;

    PrivateHistory(Path file) {
        this.file = file;
        makePrivate(file);
    }

    @Override
    public void save() throws IOException {
        super.save();
        makePrivate(file);
    }

    /** Creates {@code file} (and nothing else) owner-only, or makes an existing regular file owner-only. */
    static void makePrivate(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(MODE)));
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(MODE));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No history file (a read-only home): JLine keeps the history in memory and says so.
        }
    }
}
