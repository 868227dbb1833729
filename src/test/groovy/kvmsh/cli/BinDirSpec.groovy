package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification

/**
 * Users put the project's {@code bin/} on PATH, so nothing there may take the name of a shell
 * builtin, keyword or installed command: a runner once called {@code test} was found by JLine's
 * {@code test -t 1} terminal probe and started Maven on every REPL start.
 */
class BinDirSpec extends Specification {

    Path bin = Path.of(System.getProperty('kvmsh.projectDir', '.'), 'bin').toAbsolutePath()

    def 'no program in bin/ shadows a shell builtin or a command on the system PATH'() {
        given:
        def names = Files.list(bin).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && Files.isExecutable(it) }.collect { it.fileName.toString() }.toList()
        }
        def path = System.getenv('PATH').split(':').findAll { it && Path.of(it).toAbsolutePath().normalize() != bin.normalize() }
                .plus(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']).unique().join(':')

        expect:
        names.contains('kvmsh') && names.contains('kvmsh-test')
        names.findAll { shadows(it, path) } == []
    }

    def 'the check sees a builtin and a command'() {
        expect:
        shadows('test', '/usr/bin:/bin')
        shadows('ls', '/usr/bin:/bin')
        !shadows('kvmsh-test', '/usr/bin:/bin')
    }

    /** Whether bash, with {@code path} as PATH and no bin/, already knows {@code name} as something. */
    static boolean shadows(String name, String path) {
        def pb = new ProcessBuilder('bash', '--norc', '--noprofile', '-c', 'type -t -- "$1"', 'bash', name)
        pb.environment().put('PATH', path)
        def p = pb.redirectErrorStream(true).start()
        String out = p.inputStream.text.trim()
        p.waitFor() == 0 && out
    }
}
