package kvmsh.testing

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.sandbox.Sandbox

/**
 * An sshd of the test's own inside a sandbox host (its network and mount namespace, so a login
 * there sees the sandbox's /run and {@code qemu:///system} is the sandbox's libvirtd): its own
 * host key, port, config and authorized key, made by the test; no PAM, no password logins.
 * {@link #close} stops it; the sandbox's {@code down} would kill it too, with every process in
 * its namespaces.
 */
final class TestSshd implements Closeable {

    /** How long sshd may take to say it listens. */
    private static final long START_MILLIS = 20_000

    final Path dir
    final String address
    final int port
    /** The key the test logs in with (its public half is the only authorized key). */
    final Path clientKey
    private final Process process
    private final Path log

    private TestSshd(Path dir, String address, int port, Process process, Path log) {
        this.dir = dir
        this.address = address
        this.port = port
        this.clientKey = dir.resolve('client_key')
        this.process = process
        this.log = log
    }

    /** Makes the keys and config under {@code dir} and starts sshd in {@code sandbox} on its LAN address. */
    static TestSshd start(Sandbox sandbox, Path dir, int port) {
        Files.createDirectories(dir)
        keygen(dir.resolve('host_key'), 'kvmsh-e2e-sshd')
        keygen(dir.resolve('client_key'), 'kvmsh-e2e-client')
        Files.copy(dir.resolve('client_key.pub'), dir.resolve('authorized_keys'))
        String address = sandbox.address()
        Path config = dir.resolve('sshd_config')
        Files.writeString(config, """\
            # The kvmsh e2e test's own sshd (kvmsh.testing.TestSshd): nothing of /etc/ssh is used.
            ListenAddress $address
            Port $port
            HostKey ${dir.resolve('host_key')}
            AuthorizedKeysFile ${dir.resolve('authorized_keys')}
            PidFile ${dir.resolve('sshd.pid')}
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            # The keys live under /tmp (mode 1777), which StrictModes refuses as a parent directory.
            StrictModes no
            LogLevel VERBOSE
            """.stripIndent())
        // Privilege separation needs /run/sshd; inside the sandbox /run is the sandbox's own.
        sandbox.exec(['mkdir', '-p', '-m', '0755', '/run/sshd']).orThrow()
        sandbox.exec(['/usr/sbin/sshd', '-t', '-f', config.toString()]).orThrow()
        Path log = dir.resolve('sshd.log')
        Process p = new ProcessBuilder(sandbox.execCommand(['/usr/sbin/sshd', '-D', '-e', '-f', config.toString()]))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start()
        def sshd = new TestSshd(dir, address, port, p, log)
        long deadline = System.currentTimeMillis() + START_MILLIS
        while (!sshd.log().contains("Server listening on $address port $port")) {
            if (!p.alive || System.currentTimeMillis() > deadline) {
                sshd.close()
                throw new IllegalStateException("the test's sshd did not start:\n" + sshd.log())
            }
            sleep(100)
        }
        sshd
    }

    private static void keygen(Path key, String comment) {
        def p = new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', key.toString())
                .redirectErrorStream(true).start()
        String out = p.inputStream.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: $out")
        }
    }

    /** The line an admin's known_hosts holds for this server: {@code [ADDRESS]:PORT ssh-ed25519 AAAA…}. */
    String knownHostsLine() {
        def (type, key) = Files.readString(dir.resolve('host_key.pub')).trim().split(/\s+/)
        "[$address]:$port $type $key"
    }

    /** What sshd logged so far (its -e output). */
    String log() {
        Files.exists(log) ? Files.readString(log) : ''
    }

    /** Stops sshd and the sessions it forked; safe to call twice. */
    @Override
    void close() {
        process.descendants().forEach { it.destroyForcibly() }
        process.destroyForcibly()
        process.waitFor()
    }
}
