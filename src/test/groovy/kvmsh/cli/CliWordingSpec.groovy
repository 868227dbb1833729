package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.testing.Cli
import spock.lang.Specification
import spock.lang.TempDir

/** What the command line says about a script it cannot use, and about a mistyped command. */
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
}
