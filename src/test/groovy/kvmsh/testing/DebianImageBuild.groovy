package kvmsh.testing

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest

import groovy.transform.CompileStatic
import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner

/**
 * The recipe of {@link DebianImage} and the build that follows it: mmdebstrap installs Debian
 * bookworm's essential packages and {@link #PACKAGES} from the machine's apt mirror into a directory
 * (the hooks in {@code src/test/resources/kvmsh/testing/debian-image/} configure and clean it),
 * {@code mke2fs -d} turns the directory into an ext4 filesystem without a loop mount, and
 * {@code qemu-img convert} makes it a qcow2 disk; the kernel and initrd are copied out of its /boot.
 *
 * <p>{@link #recipe()} writes down everything that decides what the image holds; {@link #key()}, its
 * SHA-256, names the cache entry. Change a package, a hook or a step here and the next run builds a
 * new entry.
 */
@CompileStatic
final class DebianImageBuild {

    static final String SUITE = 'bookworm'
    /** mmdebstrap's smallest set: the Essential packages, without apt (the guest installs nothing). */
    static final String VARIANT = 'essential'
    /**
     * What the guest needs besides the essential set: systemd as init with udev (which loads the CD-ROM
     * driver for the seed), the kernel with its initramfs, e2fsprogs (cloud-init's resize2fs grows the
     * root to the VM's disk), OpenSSH's server and cloud-init (whose dependencies bring python3 and
     * isc-dhcp-client; systemd's own networkd serves the NIC).
     */
    static final List<String> PACKAGES = ['systemd-sysv', 'udev', 'linux-image-amd64', 'initramfs-tools', 'e2fsprogs',
                                          'openssh-server', 'cloud-init'].asImmutable()
    /** Leave manuals, documentation and translations out of the image. */
    static final List<String> DPKG_OPTIONS = ['path-exclude=/usr/share/man/*', 'path-exclude=/usr/share/doc/*',
                                              'path-include=/usr/share/doc/*/copyright',
                                              'path-exclude=/usr/share/locale/*'].asImmutable()
    static final List<String> HOOKS = ['essential', 'customize'].asImmutable()
    /** ext4 for the whole of /dev/vda: the tree plus 30% and 256 MiB; cloud-init grows it to the disk. */
    static final List<String> MKE2FS = ['mke2fs', '-q', '-F', '-t', 'ext4', '-L', 'root'].asImmutable()
    /** Bump when a step below changes what the image holds in a way the lists above do not show. */
    static final int STEPS_VERSION = 1

    private final CommandRunner runner
    private final PrintStream log
    private final Path etcApt

    /** {@code etcApt}: where the apt sources naming the mirror are ({@code /etc/apt}). */
    DebianImageBuild(CommandRunner runner, PrintStream log, Path etcApt) {
        this.runner = runner
        this.log = log
        this.etcApt = etcApt
    }

    /** The recipe as text: also written into each cache entry, for people and for the check that it matches. */
    static String recipe() {
        StringBuilder r = new StringBuilder()
        r << "kvmsh test image: Debian ${SUITE}, built by ${DebianImageBuild.name} (steps version ${STEPS_VERSION})\n"
        r << "mmdebstrap --mode=root --variant=${VARIANT} --include=${PACKAGES.join(',')}\n"
        DPKG_OPTIONS.each { r << "dpkgopt ${it}\n" }
        r << "${MKE2FS.join(' ')} -d ROOT (tree + 30% + 256 MiB); qemu-img convert -f raw -O qcow2\n"
        r << "kernel command line: ${DebianImage.CMDLINE}\n"
        HOOKS.each { String h ->
            r << "--- hook ${h}, sha256 ${sha256(hook(h))}\n"
        }
        r.toString()
    }

    /** The SHA-256 of {@link #recipe()}: the name of the image's cache entry. */
    static String key() {
        sha256(recipe().getBytes(StandardCharsets.UTF_8))
    }

    static byte[] hook(String name) {
        InputStream in = DebianImageBuild.getResourceAsStream("/kvmsh/testing/debian-image/${name}")
        if (in == null) {
            throw new IllegalStateException("the test image's ${name} hook is missing from the test resources")
        }
        in.withCloseable { it.readAllBytes() }
    }

    /**
     * Builds the image into {@code work} (a fresh private directory): {@code disk.qcow2},
     * {@code vmlinuz}, {@code initrd.img} and {@code recipe.txt}, nothing else left behind.
     */
    void build(Path work) {
        String mirror = AptMirror.forSuite(SUITE, etcApt)
        long start = System.nanoTime()
        Path hooks = Files.createDirectory(work.resolve('hooks'))
        List<String> hookOptions = HOOKS.collect { String h ->
            Path file = hooks.resolve(h)
            Files.write(file, hook(h))
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rwx------'))
            "--${h}-hook=${file}".toString()
        }
        Path root = work.resolve('rootfs')
        try {
            // In a mount and PID namespace of its own: the chroot's mounts go with it even when it
            // dies, and so does any process a package's script leaves running (the essential hook
            // also stops sshd from starting: the chroot shares this machine's network).
            List<String> cmd = ['unshare', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc',
                                'mmdebstrap', '--mode=root', "--variant=${VARIANT}".toString(), '--format=directory',
                                "--include=${PACKAGES.join(',')}".toString()]
            cmd.addAll(DPKG_OPTIONS.collect { "--dpkgopt=${it}".toString() })
            cmd.addAll(hookOptions)
            cmd.addAll([SUITE, root.toString(), mirror])
            log.println("DebianImage: building the test image from ${mirror} (mmdebstrap ${SUITE}: ${PACKAGES.join(', ')})")
            checked(cmd, "mmdebstrap could not build Debian ${SUITE} from ${mirror}")
            long installed = System.nanoTime()
            copyOut(root.resolve('boot'), 'vmlinuz-', work.resolve(DebianImage.KERNEL))
            copyOut(root.resolve('boot'), 'initrd.img-', work.resolve(DebianImage.INITRD))
            long kib = (checked(['du', '-s', '-k', '-x', root.toString()], 'cannot measure the image tree')
                    .stdout().split(/\s+/)[0] as long)
            long mib = (long) ((kib * 13 / 10 + 262_144) / 1024)
            Path raw = work.resolve('disk.raw')
            checked(MKE2FS + ['-d', root.toString(), raw.toString(), "${mib}M".toString()], 'mke2fs could not make the root filesystem')
            checked(['qemu-img', 'convert', '-f', 'raw', '-O', 'qcow2', raw.toString(),
                     work.resolve(DebianImage.DISK).toString()], 'qemu-img could not convert the disk')
            Files.delete(raw)
            Files.writeString(work.resolve(DebianImage.RECIPE), recipe())
            log.println(String.format(Locale.ROOT, 'DebianImage: built in %.0f s (mmdebstrap %.0f s, %d MiB filesystem)',
                    (System.nanoTime() - start) / 1e9d, (installed - start) / 1e9d, mib))
        } finally {
            remove(root)
            remove(hooks)
        }
    }

    /** Removes a tree without following links or crossing into other filesystems. */
    void remove(Path p) {
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            checked(['rm', '-rf', '--one-file-system', '--', p.toString()], "cannot remove ${p}")
        }
    }

    private static void copyOut(Path boot, String prefix, Path target) {
        List<Path> found = Files.list(boot).withCloseable { s -> s.filter { Path p -> p.fileName.toString().startsWith(prefix) }.toList() }
        if (found.size() != 1) {
            throw new IllegalStateException("the image's /boot holds ${found.size()} ${prefix}* files, not one: ${found}")
        }
        Files.copy(found[0], target)
    }

    private CommandResult checked(List<String> cmd, String what) {
        CommandResult r = runner.run(cmd)
        if (!r.ok()) {
            List<String> tail = (r.stderr() + r.stdout()).readLines().takeRight(30)
            throw new IllegalStateException("${what} (exit ${r.exitCode()} of ${cmd[0] == 'unshare' ? 'mmdebstrap' : cmd[0]}):\n"
                    + tail.join('\n'))
        }
        r
    }

    static String sha256(byte[] bytes) {
        MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString()
    }
}
