package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path
import kvmsh.testing.Cli
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The completion script, run by a real bash as readline would call it, and by zsh through its bashcompinit. */
class CompletionSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared Path script

    def setupSpec() {
        def r = Cli.run(['completion'])
        assert r.code == 0
        script = Files.writeString(dir.resolve('kvmsh-completion.bash'), r.out)
        Path work = Files.createDirectories(dir.resolve('work'))
        ['lab.kvm', 'notes.txt', 'sub/inner.kvm', '.git/config', '.hidden.kvm'].each {
            Path f = work.resolve(it)
            Files.createDirectories(f.parent)
            Files.writeString(f, '')
        }
    }

    /** What bash completes for the command line {@code words}, the last word being the one completed. */
    List<String> complete(String... words) {
        String line = words.collect { "'$it'" }.join(' ')
        def p = new ProcessBuilder('bash', '-c', """
            source '$script'
            # Outside readline, compopt refuses to run; what it would set does not change COMPREPLY.
            compopt() { :; }
            COMP_WORDS=($line); COMP_CWORD=\$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
            _complete_kvmsh kvmsh
            printf '%s\\n' "\${COMPREPLY[@]}"
        """.stripIndent()).directory(dir.resolve('work').toFile()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0
        out.readLines().findAll { !it.isEmpty() }.toSorted()
    }

    def 'a script argument completes to .kvm files and directories, not to other files or hidden ones'() {
        expect:
        complete('kvmsh', 'plan', '') == ['lab.kvm', 'sub']
        complete('kvmsh', 'run', 'l') == ['lab.kvm']
        complete('kvmsh', 'down', 'sub/') == ['sub/inner.kvm']
    }

    def 'hidden files and directories are offered once the word starts with a dot'() {
        expect:
        complete('kvmsh', 'plan', '.') == ['.git', '.hidden.kvm']
    }

    def '-c completes to the well-known libvirt URIs and the sandbox'() {
        expect:
        complete('kvmsh', '-c', '') == ['qemu:///session', 'qemu:///system', 'sandbox', 'test:///default']
        complete('kvmsh', 'plan', '-c', 'te') == ['test:///default']
    }

    def 'commands complete as before'() {
        expect:
        complete('kvmsh', 'pl') == ['plan']
    }

    def 'ssh is a command of the completion, with its options'() {
        expect:
        complete('kvmsh', 'ss') == ['ssh']
        complete('kvmsh', 'ssh', '--').containsAll(['--identity', '--login', '--print', '--wait', '--connect'])
        complete('kvmsh', 'ssh', '-').containsAll(['-i', '-l', '--wait'])
    }

    /**
     * What zsh completes: the same script sourced after compinit (it loads bashcompinit itself),
     * called in the sh emulation zsh's bashcompinit calls it in; zsh's completion system then
     * keeps the candidates that start with the word, as done here.
     */
    List<String> completeZsh(String... words) {
        String line = words.collect { "'$it'" }.join(' ')
        def p = new ProcessBuilder('zsh', '-f', '-c', """
            autoload -U +X compinit && compinit -u
            source '$script'
            f() {
                emulate -L sh; setopt kshglob noshglob braceexpand
                compopt() { :; }
                COMP_WORDS=("\$@"); COMP_CWORD=\$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
                _complete_kvmsh kvmsh
                printf '%s\\n' "\${COMPREPLY[@]}"
            }
            f $line
        """.stripIndent()).directory(dir.resolve('work').toFile()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: out
        out.readLines().findAll { !it.isEmpty() && it.startsWith(words.last()) }.toSorted()
    }

    def 'zsh completes the same through bashcompinit: .kvm files, URIs after -c, commands'() {
        expect:
        completeZsh('kvmsh', 'plan', '') == ['lab.kvm', 'sub']
        completeZsh('kvmsh', '-c', '') == ['qemu:///session', 'qemu:///system', 'sandbox', 'test:///default']
        completeZsh('kvmsh', 'pl') == ['plan']
    }
}
