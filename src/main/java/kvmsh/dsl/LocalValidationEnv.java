package kvmsh.dsl;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@link ValidationEnv} for the local filesystem with no networks besides the script's own. */
public final class LocalValidationEnv implements ValidationEnv {

    @Override
    public boolean networkExists(String name) {
        return false;
    }

    @Override
    public boolean fileExists(String path) {
        return Files.exists(Path.of(path));
    }
}
