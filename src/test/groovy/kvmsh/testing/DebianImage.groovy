package kvmsh.testing

import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest

import groovy.transform.CompileStatic
import kvmsh.host.CommandRunner
import kvmsh.host.FileTrust
import kvmsh.host.ProcessRunner

/**
 * A real cloud image for end-to-end tests ({@code RealCloudInitE2ESpec}): Debian bookworm with
 * systemd, cloud-init, OpenSSH's server and the Debian kernel on an ext4 filesystem that fills a
 * qcow2 disk ({@code disk.qcow2}), and the kernel and initrd from its /boot beside it
 * ({@code vmlinuz}, {@code initrd.img}) for direct kernel boot with {@link #CMDLINE}. Every boot
 * of a copy is cloud-init's first: the image has no machine-id, no cloud-init state and no ssh host keys.
 *
 * <p>Built once by {@link DebianImageBuild} (a few minutes, downloading from the machine's apt mirror)
 * and kept under {@code /var/cache/kvmsh-test/images/<sha256 of the recipe>/}. The entry is built in
 * a private directory beside it and renamed into place, so it is complete or absent. Root loads it
 * only when it and the directories above belong to root and nobody else can write them, it holds
 * exactly its files, each a regular root-owned 0644 file, and they match the {@code SHA256SUMS} written
 * with them; anything else is refused, removed and built again, never booted.
 *
 * <p>Example: {@code DebianImage image = DebianImage.obtain(); image.disk}
 */
@CompileStatic
final class DebianImage {

    static final Path DEFAULT_CACHE = Path.of('/var/cache/kvmsh-test/images')
    /** The root is the whole of /dev/vda; the serial console is where the tests read the boot. */
    static final String CMDLINE = 'root=/dev/vda rw console=ttyS0'
    static final String DISK = 'disk.qcow2'
    static final String KERNEL = 'vmlinuz'
    static final String INITRD = 'initrd.img'
    static final String RECIPE = 'recipe.txt'
    static final String SUMS = 'SHA256SUMS'
    static final List<String> FILES = [DISK, KERNEL, INITRD, RECIPE].asImmutable()
    private static final String BUILDING = '.build-'

    /** The cache entry. */
    final Path dir

    private DebianImage(Path dir) {
        this.dir = dir
    }

    Path getDisk() { dir.resolve(DISK) }

    Path getKernel() { dir.resolve(KERNEL) }

    Path getInitrd() { dir.resolve(INITRD) }

    /**
     * The image of the current recipe from {@code cache}, built first when it is missing or refused.
     * Fails (never skips) when it cannot be built, with the reason: no apt source for the suite in
     * {@code etcApt}, the mirror unreachable, mmdebstrap's own error.
     */
    static DebianImage obtain(Path cache = DEFAULT_CACHE, CommandRunner runner = new ProcessRunner(),
                              PrintStream log = System.out, Path etcApt = Path.of('/etc/apt')) {
        FileTrust.createDirectories(cache, 'rwxr-xr-x')
        FileTrust.whyNotPrivateDir(cache).ifPresent { String why ->
            throw new IllegalStateException("cannot keep the test image in ${cache}: ${why} — make it root's and"
                    + ' writable by root only (chown root:root; chmod 755), or remove it')
        }
        Path entry = cache.resolve(DebianImageBuild.key())
        // One build at a time; a second test run waits for the first's image.
        return (DebianImage) FileChannel.open(cache.resolve('.lock'), StandardOpenOption.CREATE, StandardOpenOption.WRITE).withCloseable { FileChannel ch ->
            ch.lock()
            String why = whyNotUsable(entry)
            if (why == null) {
                return new DebianImage(entry)
            }
            DebianImageBuild build = new DebianImageBuild(runner, log, etcApt)
            if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                log.println("DebianImage: refusing the cached image: ${why}; building it again")
                build.remove(entry)
            }
            // A build killed before its rename left its directory; nobody else builds while we hold the lock.
            Files.list(cache).withCloseable { s -> s.filter { Path p -> p.fileName.toString().startsWith(BUILDING) }.toList() }
                    .each { Path p -> build.remove(p) }
            Path work = Files.createTempDirectory(cache, BUILDING)
            try {
                build.build(work)
                FILES.each { String f -> Files.setPosixFilePermissions(work.resolve(f), PosixFilePermissions.fromString('rw-r--r--')) }
                writeSums(work)
                Files.setPosixFilePermissions(work, PosixFilePermissions.fromString('rwxr-xr-x'))
                Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE)
            } finally {
                build.remove(work)
            }
            String after = whyNotUsable(entry)
            if (after != null) {
                throw new IllegalStateException("the test image just built is not usable: ${after}")
            }
            new DebianImage(entry)
        }
    }

    /**
     * Why root must not boot the cache entry {@code entry}; null when it may (see the class comment).
     * The SHA-256 of every file is compared, so a changed image is refused too.
     */
    static String whyNotUsable(Path entry) {
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "${entry} does not exist"
        }
        String why = FileTrust.whyNotPrivateDir(entry).orElse(null)
        if (why != null) {
            return why
        }
        List<String> names = Files.list(entry).withCloseable { s -> s.map { Path p -> p.fileName.toString() }.sorted().toList() }
        List<String> want = (FILES + [SUMS]).sort()
        if (names != want) {
            return "${entry} holds ${names}, not ${want}"
        }
        for (String f : want) {
            why = FileTrust.whyNotPrivateFile(entry.resolve(f)).orElse(null)
            if (why != null) {
                return why
            }
        }
        Map<String, String> recorded = [:]
        Files.readAllLines(entry.resolve(SUMS)).each { String line ->
            def m = line =~ /^([0-9a-f]{64})  (\S+)$/
            if (m.matches()) {
                recorded[m.group(2)] = m.group(1)
            }
        }
        if (recorded.keySet().sort() != FILES.toSorted()) {
            return "${entry.resolve(SUMS)} lists ${recorded.keySet().sort()}, not ${FILES.toSorted()}"
        }
        for (String f : FILES) {
            String actual = sha256(entry.resolve(f))
            if (actual != recorded[f]) {
                return "${entry.resolve(f)} has SHA-256 ${actual}, not the ${recorded[f]} recorded when it was built"
            }
        }
        if (Files.readString(entry.resolve(RECIPE)) != DebianImageBuild.recipe()) {
            return "${entry.resolve(RECIPE)} is not the current recipe"
        }
        null
    }

    /** Writes {@code SHA256SUMS} (0644) over {@link #FILES} in {@code dir}, in sha256sum's format. */
    static void writeSums(Path dir) {
        Path sums = dir.resolve(SUMS)
        Files.writeString(sums, FILES.collect { String f -> "${sha256(dir.resolve(f))}  ${f}\n" }.join(''))
        Files.setPosixFilePermissions(sums, PosixFilePermissions.fromString('rw-r--r--'))
    }

    /** The SHA-256 of a file's content, read without following a link. */
    static String sha256(Path file) {
        MessageDigest md = MessageDigest.getInstance('SHA-256')
        Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS).withCloseable { InputStream in ->
            byte[] buf = new byte[1 << 20]
            int n
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n)
            }
        }
        md.digest().encodeHex().toString()
    }
}
