package kvmsh.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import kvmsh.host.CommandRunner;

/**
 * Builds (or finds in its cache) the {@link GuestImage}: copies {@code /boot/vmlinuz-<version>}
 * readable for qemu, and writes a gzip'd newc initramfs with busybox, its applet links, the virtio
 * NIC modules, the cloud-init seed's CD-ROM modules and the guest's /init. The cache directory {@code <cache>/<version>/} is rebuilt only
 * when a SHA-256 over all inputs changes.
 *
 * <p>Example: {@code GuestImage g = new GuestImageBuilder(new ProcessRunner()).build();}
 */
public final class GuestImageBuilder {

    public static final Path DEFAULT_CACHE = Path.of("/var/cache/kvmsh/guest");
    static final String KERNEL = "vmlinuz";
    static final String INITRD = "initrd.img";
    /** iPXE script next to kernel and initrd: the cache directory doubles as a TFTP root. */
    static final String BOOT_IPXE = "boot.ipxe";
    private static final String STAMP = "inputs.sha256";
    // Bump when the image layout changes in a way the inputs do not show.
    private static final String FORMAT = "kvmsh-guest-2";
    private static final String RESOURCES = "/kvmsh/sandbox/guest/";
    /** The guest's scripts: resource name → path in the initramfs (all in the cache key). */
    private static final Map<String, String> SCRIPTS = scripts();

    private final CommandRunner runner;
    private Path cacheRoot = DEFAULT_CACHE;
    private Path bootDir = Path.of("/boot");
    private Path modulesRoot = Path.of("/lib/modules");
    private Path busybox = Path.of("/bin/busybox");
    private String kernelVersion;

    /** {@code runner} runs busybox (to list its applets) and xz/zstd for compressed modules. */
    public GuestImageBuilder(CommandRunner runner) {
        this.runner = runner;
    }

    public GuestImageBuilder cacheRoot(Path dir) {
        this.cacheRoot = dir;
        return this;
    }

    /** Default: the newest {@code /boot/vmlinuz-*} that has a {@code /lib/modules/<version>}. */
    public GuestImageBuilder kernelVersion(String version) {
        this.kernelVersion = version;
        return this;
    }

    public GuestImageBuilder bootDir(Path dir) {
        this.bootDir = dir;
        return this;
    }

    public GuestImageBuilder modulesRoot(Path dir) {
        this.modulesRoot = dir;
        return this;
    }

    /** A statically linked busybox (Debian: busybox-static); default {@code /bin/busybox}. */
    public GuestImageBuilder busybox(Path file) {
        this.busybox = file;
        return this;
    }

    public GuestImage build() {
        try {
            String version = kernelVersion != null ? kernelVersion : newestKernel();
            Path kernelSrc = bootDir.resolve("vmlinuz-" + version);
            KernelModules available = new KernelModules(modulesRoot.resolve(version));
            List<KernelModules.Module> modules = new ArrayList<>(available.resolve(KernelModules.VIRTIO_NET));
            modules.addAll(available.resolveAvailable(KernelModules.EXTRAS));
            modules.addAll(available.resolveAvailable(KernelModules.SEED_CDROM));
            available.checkLoadOrder(modules);
            List<String> applets = applets();
            String hash = inputsHash(kernelSrc, modules, applets);

            Path dir = cacheRoot.resolve(version);
            GuestImage image = new GuestImage(version, dir.resolve(KERNEL), dir.resolve(INITRD));
            Path stamp = dir.resolve(STAMP);
            if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(hash)
                    && Files.isRegularFile(image.kernel()) && Files.isRegularFile(image.initrd())
                    && Files.isRegularFile(dir.resolve(BOOT_IPXE))) {
                return image;
            }
            Files.createDirectories(dir);
            searchableForQemu(cacheRoot.toAbsolutePath().getParent());
            readableForQemu(cacheRoot);
            readableForQemu(dir);
            // Debian installs the kernel 0600; qemu runs as libvirt-qemu and must read our copy.
            writeAtomically(image.kernel(), out -> Files.copy(kernelSrc, out));
            writeAtomically(image.initrd(), out -> writeInitramfs(out, modules, applets));
            writeAtomically(dir.resolve(BOOT_IPXE), out -> out.write(resource(BOOT_IPXE)));
            Files.writeString(stamp, hash + "\n");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the test guest image: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> scripts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("init", "init");
        m.put("default.script", "etc/udhcpc/default.script");
        m.put("seed.sh", "etc/kvmsh/seed.sh");
        return m;
    }

    private String newestKernel() throws IOException {
        List<String> versions = new ArrayList<>();
        try (DirectoryStream<Path> ks = Files.newDirectoryStream(bootDir, "vmlinuz-*")) {
            for (Path k : ks) {
                String v = k.getFileName().toString().substring("vmlinuz-".length());
                if (Files.isRegularFile(modulesRoot.resolve(v).resolve("modules.dep"))) {
                    versions.add(v);
                }
            }
        }
        if (versions.isEmpty()) {
            throw new IOException("no " + bootDir + "/vmlinuz-* with modules in " + modulesRoot
                    + " (install linux-image-amd64)");
        }
        versions.sort(GuestImageBuilder::compareVersions);
        return versions.get(versions.size() - 1);
    }

    /** Compares "6.1.0-56-amd64" style versions number by number. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].isEmpty() || y[i].isEmpty()) {
                continue;
            }
            int c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length) != 0 ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    /** Applet paths relative to /, e.g. {@code bin/ls}, {@code usr/sbin/udhcpd}. */
    private List<String> applets() {
        List<String> out = new ArrayList<>();
        for (String line : runner.run(busybox.toString(), "--list-full").orThrow().stdout().split("\n")) {
            String p = line.strip();
            if (!p.isEmpty() && !p.equals("bin/busybox")) {
                out.add(p.startsWith("/") ? p.substring(1) : p);
            }
        }
        return out;
    }

    private String inputsHash(Path kernel, List<KernelModules.Module> modules, List<String> applets) throws IOException {
        MessageDigest md = sha256();
        update(md, FORMAT.getBytes(StandardCharsets.UTF_8));
        update(md, Files.readAllBytes(kernel));
        update(md, Files.readAllBytes(busybox));
        for (KernelModules.Module m : modules) {
            update(md, m.name().getBytes(StandardCharsets.UTF_8));
            update(md, Files.readAllBytes(m.file()));
        }
        update(md, String.join("\n", applets).getBytes(StandardCharsets.UTF_8));
        for (String script : SCRIPTS.keySet()) {
            update(md, resource(script));
        }
        update(md, resource(BOOT_IPXE));
        return HexFormat.of().formatHex(md.digest());
    }

    private void writeInitramfs(OutputStream target, List<KernelModules.Module> modules, List<String> applets)
            throws IOException {
        try (GZIPOutputStream gz = new GZIPOutputStream(target); CpioWriter cpio = new CpioWriter(gz)) {
            Set<String> dirs = new LinkedHashSet<>(List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev",
                    "proc", "sys", "run", "tmp", "root", "etc", "etc/udhcpc", "etc/kvmsh", "lib", "lib/modules"));
            applets.forEach(a -> addParents(dirs, a));
            for (String d : dirs) {
                cpio.directory(d, d.equals("tmp") ? 01777 : 0755);
            }
            // The kernel opens /dev/console for init's stdio before /init can mount devtmpfs.
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            for (String a : applets) {
                cpio.symlink(a, "/bin/busybox");
            }
            for (var script : SCRIPTS.entrySet()) {
                cpio.file(script.getValue(), 0755, resource(script.getKey()));
            }
            StringBuilder order = new StringBuilder();
            for (KernelModules.Module m : modules) {
                cpio.file("lib/modules/" + m.name() + ".ko", 0644, moduleBytes(m.file()));
                order.append(m.name()).append('\n');
            }
            cpio.file("etc/kvmsh/modules", 0644, order.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void addParents(Set<String> dirs, String path) {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            String parent = path.substring(0, slash);
            addParents(dirs, parent);
            dirs.add(parent);
        }
    }

    /** The module uncompressed: busybox insmod takes plain .ko files only. */
    private byte[] moduleBytes(Path file) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".ko")) {
            return Files.readAllBytes(file);
        }
        if (n.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        }
        // xz/zstd: decompress a copy in a temp dir (the tool writes next to its input; no pipes).
        Path tmp = Files.createTempDirectory("kvmsh-ko");
        try {
            Path copy = tmp.resolve(n);
            Files.copy(file, copy);
            if (n.endsWith(".xz")) {
                runner.run("xz", "--decompress", "--force", copy.toString()).orThrow();
            } else if (n.endsWith(".zst")) {
                runner.run("zstd", "--decompress", "--quiet", "--rm", copy.toString()).orThrow();
            } else {
                throw new IOException("unknown module compression: " + file);
            }
            Path plain = tmp.resolve(n.substring(0, n.lastIndexOf('.')));
            byte[] bytes = Files.readAllBytes(plain);
            Files.delete(plain);
            return bytes;
        } finally {
            try (var left = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) left::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes beside the target then renames, so a crash never leaves a half image under the real name. */
    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writer.write(out);
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void readableForQemu(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Lets qemu (another user) pass through the cache root's parent, {@code /var/cache/kvmsh}: kvmsh's
     * script cache creates it {@code rwx------} when it comes first, and qemu then cannot open the
     * guest's kernel. Search permission only (nothing in it can be listed), and only on a directory of
     * this user's; the private script cache beside the guest keeps its own {@code rwx------}.
     */
    private static void searchableForQemu(Path dir) throws IOException {
        if (dir == null || !Files.getOwner(dir).equals(dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name")))) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE))) {
            Files.setPosixFilePermissions(dir, perms);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = GuestImageBuilder.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so moving bytes between two inputs changes the hash. */
    private static void update(MessageDigest md, byte[] data) {
        md.update(java.nio.ByteBuffer.allocate(8).putLong(data.length).array());
        md.update(data);
    }
}
