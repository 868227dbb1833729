package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.testing.Cli
import spock.lang.Specification
import spock.lang.TempDir

/** What the command line says about a script it cannot use, about a mistyped command, and its help. */
class CliWordingSpec extends Specification {

    @TempDir
    Path dir

    Map kvmsh(String... args) {
        Cli.run(['-c', 'test:///default'] + args.toList())
    }

    def 'a script that is not UTF-8 is an error at the line and column of the first bad byte'() {
        given:
        def f = dir.resolve('latin1.kvm')
        def bytes = new ByteArrayOutputStream()
        bytes.write("vm 'a' { memory 128 }\n// caf".bytes)
        bytes.write(0xe9)
        bytes.write('\n'.bytes)
        Files.write(f, bytes.toByteArray())

        when:
        def r = kvmsh('plan', f.toString())

        then:
        r.code == ExitCodes.SCRIPT_ERRORS
        r.err.contains("$f:2:7: the script is not UTF-8 text (byte 0xe9) — save it as UTF-8")
        !r.err.contains('Input length')
    }

    def 'a directory is named as one, and a missing file as missing'() {
        expect:
        kvmsh('plan', dir.toString()).err.trim() == "kvmsh: $dir is a directory, not a script — name a .kvm file"
        kvmsh('plan', dir.resolve('nope.kvm').toString()).err.trim() ==
                "kvmsh: no such script: ${dir.resolve('nope.kvm')} — check the path"
    }

    def 'a mistyped command suggests the nearest one'() {
        when:
        def r = Cli.run(['pln', 'x.kvm'])

        then:
        r.code == ExitCodes.USAGE
        r.err.contains("did you mean 'plan'")
    }

    def 'a script nobody may read says permission denied'() {
        given: 'a file the kernel refuses to read even to root (write-only sysctl), as tests run as root'
        def f = '/proc/sys/vm/drop_caches'

        when:
        def r = kvmsh('plan', f)

        then:
        r.code == ExitCodes.SCRIPT_ERRORS
        r.err.contains("$f: cannot read script: permission denied — give the user running kvmsh read access")
    }

    def 'hook --help prints the hook\'s whole help and exits 0, as every command\'s --help does'() {
        given: 'the launcher, which runs hook calls before picocli loads'
        def cmd = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp',
                   System.getProperty('java.class.path'), Launcher.name, 'hook', '--help']

        when:
        def p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        String out = p.inputStream.text

        then:
        p.waitFor() == 0
        out.contains('Usage: kvmsh hook')
        out.contains("Run FILE as qemu's script=/downscript= for TAP, without libvirt.")
        out.contains('kvmsh hook --check FILE loads FILE')
        out.contains('--down')
    }

    def 'every command and subcommand is listed in its parent\'s help by a whole sentence'() {
        given:
        List<picocli.CommandLine> all = []
        def walk
        walk = { picocli.CommandLine c -> c.subcommands.values().each { all << it; walk(it) } }
        walk(Main.commandLine())

        expect:
        all.size() > 8
        all.findAll { !it.commandSpec.usageMessage().description()[0].endsWith('.') }*.commandName == []
        Cli.run(['sandbox', '--help']).out.contains('(its network and mount\n            namespace).')
    }
}
