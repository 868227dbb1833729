package kvmsh.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst). Every entry gets uid/gid 0 and
 * mtime 0 so the same inputs give the same bytes.
 */
final class CpioWriter implements AutoCloseable {

    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;

    private final OutputStream out;
    private long written;
    private int nextInode = 1;

    CpioWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String path, int perm) throws IOException {
        entry(path, S_IFDIR | perm, 2, 0, 0, new byte[0]);
    }

    void file(String path, int perm, byte[] data) throws IOException {
        entry(path, S_IFREG | perm, 1, 0, 0, data);
    }

    void symlink(String path, String target) throws IOException {
        entry(path, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    void charDevice(String path, int perm, int major, int minor) throws IOException {
        entry(path, S_IFCHR | perm, 1, major, minor, new byte[0]);
    }

    /** Writes the trailer entry; the archive is complete afterwards. Does not close the stream. */
    @Override
    public void close() throws IOException {
        header("TRAILER!!!", 0, 1, 0, 0, 0, 0);
        out.flush();
    }

    private void entry(String path, int mode, int nlink, int rmajor, int rminor, byte[] data) throws IOException {
        String name = path.startsWith("/") ? path.substring(1) : path;
        header(name, mode, nlink, data.length, rmajor, rminor, nextInode++);
        write(data);
        pad();
    }

    private void header(String name, int mode, int nlink, int size, int rmajor, int rminor, int ino) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        for (long field : new long[] {ino, mode, 0, 0, nlink, 0, size, 0, 0, rmajor, rminor, nameBytes.length, 0}) {
            h.append(String.format("%08x", field));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    /** Header+name and data are each padded to a multiple of four bytes. */
    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }
}
