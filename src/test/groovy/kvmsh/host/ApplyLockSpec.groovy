package kvmsh.host

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

/** One apply at a time per host, across processes: the lock is refused naming its holder, and a killed holder frees it. */
class ApplyLockSpec extends Specification {

    @TempDir
    Path dir

    Process other(String mode, String key) {
        new ProcessBuilder('java', '-cp', System.getProperty('java.class.path'), ApplyLockMain.name, mode,
                dir.resolve('locks').toString(), key).redirectErrorStream(true).start()
    }

    def 'a second process is refused while this one holds the lock, naming this process and what it does; then it gets it'() {
        given:
        def lock = ApplyLock.acquire(dir.resolve('locks'), ['qemu:///system'], 'kvmsh run /srv/site.kvm')

        when:
        def p = other('try', 'qemu:///system')
        def out = p.inputStream.text

        then:
        p.waitFor() == 7
        out.contains("refused: qemu:///system is being changed by another kvmsh: pid ${ProcessHandle.current().pid()}: kvmsh run /srv/site.kvm (since ")

        and: 'another host is not held'
        other('try', 'qemu+ssh://elsewhere/system').with { it.waitFor() == 0 && it.inputStream.text.contains('acquired') }

        when:
        lock.close()
        def after = other('try', 'qemu:///system')

        then:
        after.waitFor() == 0
        after.inputStream.text.contains('acquired')
    }

    def 'a holder that is killed (SIGKILL) leaves no stale lock'() {
        given:
        def holder = other('hold', 'host driver /run/kvmsh/net')
        def reader = new BufferedReader(new InputStreamReader(holder.inputStream))
        assert reader.readLine() == 'held'

        when:
        ApplyLock.acquire(dir.resolve('locks'), ['host driver /run/kvmsh/net'], 'kvmsh down /srv/site.kvm')

        then:
        def e = thrown(ApplyLock.HeldException)
        e.holder().startsWith("pid ${holder.pid()}: kvmsh run /srv/other.kvm")

        when:
        holder.destroyForcibly().waitFor()
        def lock = ApplyLock.acquire(dir.resolve('locks'), ['host driver /run/kvmsh/net'], 'kvmsh down /srv/site.kvm')

        then:
        lock != null
        Files.readString(dir.resolve('locks').resolve(ApplyLock.fileName('host driver /run/kvmsh/net')))
                .startsWith("pid ${ProcessHandle.current().pid()}: kvmsh down /srv/site.kvm")

        cleanup:
        lock?.close()
        holder?.destroyForcibly()
    }
}
