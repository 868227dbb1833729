package kvmsh.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The format of a base image, from its first bytes (qcow2 files start with {@code QFI\xfb}), since
 * cloud images are often qcow2 under a {@code .img} name. An unreadable file falls back to its extension.
 */
final class ImageFormat {

    private static final byte[] QCOW2 = {'Q', 'F', 'I', (byte) 0xfb};

    private ImageFormat() {
    }

    static String of(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return Arrays.equals(in.readNBytes(4), QCOW2) ? "qcow2" : "raw";
        } catch (IOException | SecurityException e) {
            return path.endsWith(".qcow2") ? "qcow2" : "raw";
        }
    }
}
