package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code -v}/{@code --verbose} and {@code KVMSH_VERBOSE=1}, in a JVM of their own each: slf4j-simple
 * fixes a logger's level when the logger is made, so only a fresh process shows what a user sees.
 * libvirt's test driver serves the libvirt calls; the cloud-init seed is built by a real host
 * command (xorriso) where kvmsh runs, so a run shows both kinds of line.
 */
class VerboseSpec extends Specification {

    @TempDir
    Path dir

    Path script() {
        Path p = dir.resolve('web.kvm')
        Files.writeString(p, """vm 'ciweb' {
    memory 256
    cloudInit { user 'admin', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJHHGhCH2U+E8l+ozKCVSLEvyEsfcIe0HtJokGqlZugo one@kvmsh' }
}
""")
        p
    }

    Map kvmsh(Map<String, String> env = [:], String... args) {
        def cmd = ['java', '-cp', System.getProperty('java.class.path'), Launcher.name] + (args as List)
        def pb = new ProcessBuilder(cmd)
        pb.environment().remove('KVMSH_VERBOSE')
        pb.environment().putAll([KVMSH_CACHE_DIR: dir.resolve('cache').toString()] + env)
        def p = pb.start()
        def out = new StringBuilder(), err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        [code: p.waitFor(), out: out.toString(), err: err.toString()]
    }

    def 'run -v shows each libvirt call, the XML it sends and each host command, on stderr'() {
        when:
        def r = kvmsh('-c', 'test:///default', 'run', '-v', script().toString())

        then:
        r.code == 0
        r.out.contains('Applied')
        r.err =~ /(?m)^\d\d:\d\d:\d\d\.\d{3} DEBUG libvirt test:\/\/\/default: virConnectOpen \(\d+ ms\)$/
        r.err =~ /(?m)DEBUG libvirt test:\/\/\/default: read \d+ networks, \d+ domains, \d+ pools, \d+ volumes \(\d+ ms\)$/
        r.err =~ /(?m)DEBUG run: xorriso .*-volid cidata/
        r.err =~ /(?m)DEBUG libvirt test:\/\/\/default: virDomainDefineXML <domain/
        r.err.contains('<name>ciweb</name>')
        r.err =~ /(?m)DEBUG libvirt test:\/\/\/default: virDomainCreate ciweb$/

        and: 'the plan and the results stay on stdout, untouched'
        !r.out.contains('DEBUG')
    }

    def 'KVMSH_VERBOSE=1 does the same (for hooks, which qemu starts without options); without either, no debug line'() {
        when:
        def loud = kvmsh([KVMSH_VERBOSE: '1'], '-c', 'test:///default', 'plan', script().toString())
        def quiet = kvmsh('-c', 'test:///default', 'plan', script().toString())
        def off = kvmsh([KVMSH_VERBOSE: '0'], '-c', 'test:///default', 'plan', script().toString())

        then:
        [loud, quiet, off]*.code == [0, 0, 0]
        loud.err.contains('DEBUG libvirt test:///default: virConnectOpen')
        quiet.err.isEmpty()
        off.err.isEmpty()
        quiet.out == off.out
    }
}
