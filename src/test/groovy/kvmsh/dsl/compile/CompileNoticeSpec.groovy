package kvmsh.dsl.compile

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

/**
 * A compile that takes long says so, with the script's size and Groovy's phase, instead of
 * looking like a hang. The notice's delay is set to 1 ms here, so no timing is asserted.
 */
class CompileNoticeSpec extends Specification {

    @TempDir Path dir

    def 'a long compile says how large the script is and which phase Groovy is in'() {
        given:
        Path script = dir.resolve('long.kvm')
        Files.writeString(script, (1..3000).collect { "def v$it = $it" }.join('\n') + '\n')

        when:
        def pb = new ProcessBuilder('java', '-Dkvmsh.compileNoticeMillis=1', '-cp', System.getProperty('java.class.path'),
                kvmsh.cli.Launcher.name, '-c', 'test:///default', 'plan', script.toString())
        pb.environment().put('KVMSH_CACHE_DIR', 'off')
        def p = pb.redirectErrorStream(true).start()
        String out = p.inputStream.text
        p.waitFor()

        then:
        p.exitValue() == 0
        out =~ /still compiling the script \(3001 lines, \d+ KiB\) after 0 s; Groovy is in its \w[\w ]* phase\. A script this large compiles faster split into several files/
        out.contains('No changes.')
    }
}
