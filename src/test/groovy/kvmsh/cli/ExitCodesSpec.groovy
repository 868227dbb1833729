package kvmsh.cli

import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path
import kvmsh.dsl.DslException
import kvmsh.host.CommandException
import kvmsh.host.CommandResult
import kvmsh.hostnet.HostNetworkException
import kvmsh.plan.HostUnreachableException
import kvmsh.plan.StepFailedException
import kvmsh.sandbox.SandboxException
import kvmsh.testing.Cli

/** One mapping from error to exit code, and the README's table true to it. */
class ExitCodesSpec extends TestDriverFixture {

    static Map<String, Integer> constants() {
        ExitCodes.declaredFields.findAll { Modifier.isStatic(it.modifiers) && it.type == int }
                .collectEntries { [it.name, it.getInt(null)] }
    }

    /** The README's exit-code table: code → meaning. */
    Map<Integer, String> readmeTable() {
        String readme = Files.readString(Path.of(projectDir, 'README.md'))
        String section = readme.substring(readme.indexOf('### Exit codes'))
        section = section.substring(0, section.indexOf('\n###'))
        section.readLines().findAll { it =~ /^\| \d+ \|/ }
                .collectEntries { l -> def m = l =~ /^\| (\d+) \| (.+) \|$/; [(m[0][1] as int), m[0][2]] }
    }

    def 'the README table lists exactly the codes ExitCodes has'() {
        expect:
        readmeTable().keySet() == constants().values() as Set
        constants().size() == 11
    }

    def 'kvmsh --help lists every code'() {
        when:
        def r = Cli.run(['--help'])

        then:
        constants().values().every { c -> r.out.readLines().any { it =~ /^\s*$c\s/ || it.contains("($c:") } }
    }

    def 'every error kind maps to its code'() {
        expect:
        ExitCodes.of(error) == code

        where:
        error                                                         || code
        new KvmshException(ExitCodes.CONSENT_MISSING, 'x')            || ExitCodes.CONSENT_MISSING
        new DslException([])                                          || ExitCodes.SCRIPT_ERRORS
        new HostUnreachableException('cannot connect', null)          || ExitCodes.HOST_UNREACHABLE
        new SandboxException('no sandbox')                            || ExitCodes.HOST_UNREACHABLE
        new StepFailedException('refused')                            || ExitCodes.APPLY_FAILED
        new HostNetworkException('link exists')                       || ExitCodes.APPLY_FAILED
        new CommandException(new CommandResult(['ip'], 1, '', 'err'))|| ExitCodes.APPLY_FAILED
        new IllegalStateException('bug')                              || ExitCodes.INTERNAL
        new NullPointerException()                                    || ExitCodes.INTERNAL
    }

    def 'a connection failure is its own kind, not a failed step'() {
        expect:
        !StepFailedException.isAssignableFrom(HostUnreachableException)
    }

    def 'every code is decided somewhere: by name in the sources or ExitCodes.of, or by bin/kvmsh (5)'() {
        given:
        String main = Files.walk(Path.of(projectDir, 'src/main/java')).withCloseable { s ->
            s.filter { it.toString().endsWith('.java') && !it.endsWith('ExitCodes.java') }
                    .collect { Files.readString(it) }.join('\n')
        }
        String mapping = Files.readString(Path.of(projectDir, 'src/main/java/kvmsh/cli/ExitCodes.java'))
        String launcher = Files.readString(Path.of(projectDir, 'bin/kvmsh'))
        def shellCodes = (launcher =~ /exit (\d+)/).collect { it[1] as int } as Set

        expect:
        constants().each { name, code ->
            assert main.contains('ExitCodes.' + name) || mapping.contains("return $name;") || shellCodes.contains(code):
                    "ExitCodes.$name is decided nowhere"
        }
        constants().values().containsAll(shellCodes)
    }

    def 'an unreachable URI exits with the host-unreachable code and one line'() {
        when:
        def r = Cli.run(['-c', 'qemu+unix:///system?socket=/nonexistent/sock', 'run',
                         script('a.kvm', "network 'n1' { nat '10.9.0.0/24' }").toString()])

        then:
        r.code == ExitCodes.HOST_UNREACHABLE
        r.err.readLines().size() == 1
        r.err.startsWith('kvmsh: cannot connect to qemu+unix:///system')
        !r.err.contains('internal error')
    }

    def 'an internal error says so once, with code 70'() {
        expect:
        ExitCodes.message(new IllegalStateException('boom')) == 'kvmsh: internal error: java.lang.IllegalStateException: boom'
        ExitCodes.message(new HostUnreachableException('cannot connect to x\n  no daemon', null)) == 'kvmsh: cannot connect to x; no daemon'
    }
}
