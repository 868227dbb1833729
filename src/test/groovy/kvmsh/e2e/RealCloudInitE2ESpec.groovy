package kvmsh.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import kvmsh.cli.Launcher
import kvmsh.host.CommandResult
import kvmsh.host.ProcessRunner
import kvmsh.testing.DebianImage
import kvmsh.testing.SandboxFixture
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * cloudInit with the real cloud-init: a Debian bookworm image built by the test
 * ({@link DebianImage}: mmdebstrap, cached by its recipe's digest), booted under TCG by
 * {@code kvmsh run} of a script with {@code image}, {@code disk size:}, direct kernel boot and a
 * {@code cloudInit} block naming a key the test made. The guest's own cloud-init reads kvmsh's seed,
 * brings the NIC up by DHCP, sets the hostname, creates the user with the key and grows the root to
 * the disk; {@code kvmsh ssh -i KEY web hostname} logs in with that key and prints the block's
 * hostname; {@code down} leaves the sandbox as before and the base image unchanged.
 *
 * <p>Fails (not skips) when the image cannot be built, with mmdebstrap's reason. Runs only with
 * -Dkvmsh.e2e=true; the sandbox goes in cleanupSpec, also when a feature fails.
 */
@Stepwise
@Requires({ System.getProperty('kvmsh.e2e') == 'true' })
class RealCloudInitE2ESpec extends Specification {

    static final String NAME = 'e2e-cloud'
    static final String LOG = '/var/log/libvirt/qemu/web-serial.log'
    /** systemd and cloud-init under TCG on a shared 2-CPU machine: about 1.5 min idle, more when busy. */
    static final long SSH_MILLIS = 600_000
    /** Where OpenSSH files host keys for root, which runs the e2e specs. */
    static final Path KNOWN_HOSTS = Path.of(System.getProperty('user.home'), '.ssh', 'known_hosts')

    @Shared SandboxFixture fixture = new SandboxFixture(NAME)
    @Shared DebianImage image
    @Shared Path base
    @Shared String baseSum
    @Shared Path key
    @Shared String alias
    @Shared boolean knownHostsExisted
    @Shared String file
    @Shared Map before
    @Shared long started
    @Shared String instanceId

    def setupSpec() {
        image = DebianImage.obtain()
        fixture.sandbox.down() // a run that died before its cleanup
        // qemu runs as libvirt-qemu, and libvirt gives it what a VM boots: the kernel and initrd
        // until the VM stops, a backing image for good. The VM gets copies; the cache stays root's.
        Files.setPosixFilePermissions(fixture.dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        base = copy(image.disk)
        Path kernel = copy(image.kernel)
        Path initrd = copy(image.initrd)
        baseSum = DebianImage.sha256(base)
        key = fixture.dir.resolve('id_ed25519')
        knownHostsExisted = Files.exists(KNOWN_HOSTS)
        new ProcessRunner().run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'kvmsh-e2e', '-f', key.toString()).orThrow()
        fixture.up()
        before = snapshot()
        file = fixture.script('web.kvm', """
network 'ci' { nat '10.0.7.0/24'; dhcp '10.0.7.10'..'10.0.7.100' }
vm 'web' {
    memory 512; accel 'tcg'
    image '$base'
    disk size: '4G'
    kernel '$kernel'; initrd '$initrd'; cmdline '${DebianImage.CMDLINE}'
    cloudInit { hostname 'web1'; user 'admin', sshKey: '${key}.pub' }
    nic network: 'ci'
    serial '$LOG'
}
""")
    }

    def cleanupSpec() {
        forgetHostKey()
        fixture.down()
    }

    /** Removes from root's known_hosts exactly the lines kvmsh ssh added for this test's VM. */
    void forgetHostKey() {
        Set<Integer> ours = alias == null ? [] as Set : knownHostLines(alias).keySet()
        if (ours.isEmpty()) {
            return
        }
        List<String> kept = []
        Files.readAllLines(KNOWN_HOSTS).eachWithIndex { String l, int i -> if (!ours.contains(i + 1)) { kept << l } }
        if (kept.isEmpty() && !knownHostsExisted) {
            Files.delete(KNOWN_HOSTS)
        } else {
            Files.write(KNOWN_HOSTS, kept)
        }
    }

    Path copy(Path cached) {
        Path p = fixture.dir.resolve(cached.fileName)
        Files.copy(cached, p)
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString('rw-r--r--'))
        p
    }

    Map snapshot() {
        [networks: fixture.inSandbox('virsh', 'net-list', '--all', '--name') as Set,
         domains : fixture.inSandbox('virsh', 'list', '--all', '--name') as Set,
         volumes : fixture.inSandbox('virsh', 'vol-list', 'default').findAll { it.contains('/') } as Set]
    }

    /**
     * {@code kvmsh -c sandbox:NAME ssh -i KEY ARGS…} in a JVM of its own (kvmsh hands ssh the
     * terminal, here pipes), as a user runs it: ssh runs inside the sandbox host, where the NAT
     * network is, and records the guest's key in root's known_hosts (cleanupSpec removes it).
     */
    CommandResult kvmshSsh(String... args) {
        new ProcessRunner().run(['java', '-cp', System.getProperty('java.class.path'), Launcher.name,
                                 '-c', "sandbox:$NAME".toString(), 'ssh', '-i', key.toString()] + args.toList())
    }

    String console() {
        fixture.console(LOG).readLines().takeRight(40).join('\n')
    }

    /** The lines of root's known_hosts that hold the key filed under {@code alias}, by their numbers from 1. */
    static Map<Integer, String> knownHostLines(String alias) {
        if (!Files.exists(KNOWN_HOSTS)) {
            return [:]
        }
        def found = new ProcessRunner().run('ssh-keygen', '-F', alias, '-f', KNOWN_HOSTS.toString()).stdout()
        List<String> lines = Files.readAllLines(KNOWN_HOSTS)
        (found =~ /# Host \S+ found: line (\d+)/).collect { it[1] as int }.collectEntries { int n -> [n, lines[n - 1]] }
    }

    def 'kvmsh run boots the Debian image from a seed and a 4 GiB overlay'() {
        when:
        started = System.nanoTime()
        def r = fixture.kvmsh('run', file)
        instanceId = (r.out =~ /instance-id (kvmsh-[0-9a-f]+)/).with { it.find() ? it.group(1) : null }

        then:
        r.code == 0
        r.out.contains("+ create volume default/web-vda.qcow2 (qcow2 overlay on $base, 4 GiB)")
        r.out.contains('+ create cloud-init seed default/web-cidata.iso of web (instance-id kvmsh-')
        r.out.contains('+ start vm web')
        instanceId != null
    }

    def "kvmsh ssh logs in with the test's key as the cloud-init user, and hostname prints the block's hostname"() {
        when:
        def waited = kvmshSsh('--wait', "${SSH_MILLIS.intdiv(1000)}s".toString(), 'web', 'true')
        double toSsh = (System.nanoTime() - started) / 1e9d
        if (!waited.ok()) {
            throw new AssertionError("kvmsh ssh --wait web true: exit ${waited.exitCode()}: ${waited.stderr().strip()}\n"
                    + "the end of vm web's serial console:\n${console()}")
        }
        println String.format(Locale.ROOT, 'real cloud-init: kvmsh run to the first ssh login took %.0f s', toSsh)
        def hostname = kvmshSsh('web', 'hostname')
        def user = kvmshSsh('web', 'id', '-un')
        alias = (kvmshSsh('--print', 'web').stdout() =~ /HostKeyAlias=(\S+)/).with { it.find() ? it.group(1) : null }

        then:
        hostname.ok()
        hostname.stdout().strip() == 'web1'
        user.stdout().strip() == 'admin'
        alias.startsWith("kvmsh-${fixture.inSandbox('virsh', 'domuuid', 'web').first()}-")
    }

    def "cloud-init ran every stage without an error from kvmsh's seed, grew the root and made the host key it printed"() {
        when:
        def status = kvmshSsh('web', 'timeout', '600', 'cloud-init', 'status', '--wait')
        double toDone = (System.nanoTime() - started) / 1e9d
        println String.format(Locale.ROOT, 'real cloud-init: kvmsh run to cloud-init done took %.0f s', toDone)
        def id = kvmshSsh('web', 'cat', '/var/lib/cloud/data/instance-id')
        def rootMiB = kvmshSsh('web', 'df', '--output=size', '-B1M', '/').stdout().readLines().last().strip() as long
        def machineId = kvmshSsh('web', 'cat', '/etc/machine-id').stdout().strip()
        def printed = (fixture.console(LOG) =~ /(?s)-----BEGIN SSH HOST KEY KEYS-----(.*?)-----END SSH HOST KEY KEYS-----/)
                .with { it.find() ? it.group(1) : '' }
        def accepted = knownHostLines(alias).values().collect { it.split(' ')[1..2].join(' ') }

        then: 'done, not error: no module failed'
        status.stdout().contains('status: done')
        id.stdout().strip() == instanceId

        and: 'resize2fs grew the ext4 root to the 4 GiB overlay (the image holds about 1 GiB)'
        rootMiB > 3500

        and: 'a machine-id and a host key of its own, made at this first boot: the one ssh accepted'
        machineId ==~ /[0-9a-f]{32}/
        accepted.size() == 1
        printed.contains(accepted[0])
    }

    def 'down removes the VM, its overlay, its seed and the network; the base image is unchanged'() {
        when:
        def r = fixture.kvmsh('down', '--yes', file)

        then:
        r.code == 0
        r.out.contains('- delete volume default/web-vda.qcow2')
        r.out.contains('- delete volume default/web-cidata.iso')
        snapshot() == before
        DebianImage.sha256(base) == baseSum
        DebianImage.whyNotUsable(image.dir) == null
    }
}
