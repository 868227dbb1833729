package kvmsh.hostnet

import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import kvmsh.testing.Nobody
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The run directory and its locks: explicit modes whatever the umask, no link ever followed,
 * nothing trusted that another user could have put there, and locks that recover from a holder
 * that was killed and never make a caller wait without end.
 */
class RunFilesSpec extends Specification {

    @TempDir
    Path dir

    RunDirectory run

    def setup() {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        run = new RunDirectory(dir.resolve('run'))
    }

    static String mode(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
    }

    def 'under umask 000 every directory is made 0755 and every file 0644'() {
        when:
        def p = new ProcessBuilder('sh', '-c', 'umask 000; exec "$0" "$@"', 'java', '-cp', System.getProperty('java.class.path'),
                RunFilesMain.name, run.root().toString()).redirectErrorStream(true).start()
        String out = p.inputStream.text

        then:
        p.waitFor() == 0
        out == '' || !out.contains('Exception')
        [run.root(), run.network('lan'), run.root().resolve('.locks')].collect { mode(it) } == ['rwxr-xr-x'] * 3
        [run.record('lan'), run.dnsmasqConf('lan'), run.tapMarker('lan', 'vnet1'), run.networkLock('lan')]
                .collect { mode(it) } == ['rw-r--r--'] * 4
        Files.list(run.network('lan')).withCloseable { it.map { it.fileName.toString() }.toList() }.toSorted() ==
                ['dnsmasq.conf', 'network.properties', 'tap.vnet1']
    }

    def 'a file is replaced by rename: a link planted at its name is replaced, its target untouched'() {
        given:
        def victim = Files.writeString(dir.resolve('victim'), 'precious')
        RunFiles.directory(run.network('lan'))
        Files.createSymbolicLink(run.dnsmasqConf('lan'), victim)
        Files.createSymbolicLink(run.network('lan').resolve('dnsmasq.conf.tmp'), victim)

        when:
        RunFiles.write(run.dnsmasqConf('lan'), 'port=0\n')

        then:
        Files.readString(victim) == 'precious'
        !Files.isSymbolicLink(run.dnsmasqConf('lan'))
        Files.readString(run.dnsmasqConf('lan')) == 'port=0\n'
    }

    def 'a link is never read as a file kvmsh wrote'() {
        given:
        RunFiles.directory(run.network('lan'))
        Files.createSymbolicLink(run.dnsmasqConf('lan'), Files.writeString(dir.resolve('other'), 'x'))

        expect:
        RunFiles.readOrNull(run.dnsmasqConf('lan')) == null
        !RunFiles.isOurs(run.dnsmasqConf('lan'))
    }

    def 'a lock file planted as a link is not opened through it'() {
        given:
        def victim = Files.writeString(dir.resolve('victim'), 'precious')
        RunFiles.directory(run.root().resolve('.locks'))
        Files.createSymbolicLink(run.networkLock('lan'), victim)

        when:
        NetworkLock.acquire(run.networkLock('lan'), "network 'lan'", 1000)

        then:
        thrown(UncheckedIOException)
        Files.readString(victim) == 'precious'
    }

    @Requires({ Nobody.available() })
    def 'a run directory others can write, or that belongs to another user, is refused before anything in it is read'() {
        given:
        def root = Files.createDirectory(dir.resolve('shared'))
        ['chmod', mode, root.toString()].execute().waitFor()
        ['chown', owner, root.toString()].execute().waitFor()
        def shared = new RunDirectory(root)

        when:
        NetworkRecord.read(shared, 'lan')

        then:
        def e = thrown(HostNetworkException)
        e.message.startsWith("run directory ${root} cannot be trusted: ${root} ${why}")

        where:
        mode   | owner    | why
        '0777' | 'root'   | 'is writable by others (mode 0777)'
        '1777' | 'root'   | 'is writable by others (mode 1777)'
        '0755' | 'nobody' | 'belongs to uid 65534, not to uid 0'
    }

    @Requires({ Nobody.available() })
    def "a tap marker nobody planted in a network's directory does not count as kvmsh's"() {
        given:
        RunFiles.directory(run.network('lan'))
        Files.setPosixFilePermissions(run.network('lan'), PosixFilePermissions.fromString('rwxrwxrwx'))
        Nobody.sh("touch ${run.tapMarker('lan', 'victim0')}")

        when:
        RunFiles.isOurs(run.tapMarker('lan', 'victim0'))

        then:
        thrown(HostNetworkException)
    }

    def 'a lock left marked dead by a holder killed between marking and unlinking is taken over'() {
        given: 'what a kill -9 between mark and unlink leaves'
        RunFiles.directory(run.root().resolve('.locks'))
        Files.write(run.networkLock('lan'), [120] as byte[])

        when:
        def lock = NetworkLock.acquire(run.networkLock('lan'), "network 'lan'", 5000)

        then:
        Files.size(run.networkLock('lan')) == 0

        cleanup:
        lock?.close()
    }

    def 'a lock marked dead and unlinked by its holder is not taken over: the waiter locks the fresh file'() {
        given:
        def first = NetworkLock.acquire(run.networkLock('lan'), "network 'lan'")
        first.deleteFile()
        first.close()

        when:
        def second = NetworkLock.acquire(run.networkLock('lan'), "network 'lan'")

        then:
        Files.size(run.networkLock('lan')) == 0

        cleanup:
        second?.close()
    }

    def 'a wait for a lock another process holds is bounded and names the lock and its holder'() {
        given: 'python holds a POSIX lock on the file, as another kvmsh would'
        RunFiles.directory(run.root().resolve('.locks'))
        Files.createFile(run.networkLock('lan'))
        def holder = new ProcessBuilder('python3', '-c',
                "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('held',flush=True)\ntime.sleep(60)",
                run.networkLock('lan').toString()).start()
        assert new BufferedReader(new InputStreamReader(holder.inputStream)).readLine() == 'held'

        when:
        NetworkLock.acquire(run.networkLock('lan'), "network 'lan'", 300)

        then:
        def e = thrown(HostNetworkException)
        e.message.startsWith("gave up after 0.3 s waiting for the lock of network 'lan' (${run.networkLock('lan')}), held by pid ${holder.pid()} (")

        cleanup:
        holder?.destroyForcibly()
    }
}
