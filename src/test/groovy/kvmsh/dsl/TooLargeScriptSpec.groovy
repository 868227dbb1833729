package kvmsh.dsl

import groovyjarjarasm.asm.MethodTooLargeException
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.ErrorCollector
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.ExceptionMessage
import java.nio.file.Files
import kvmsh.testing.Cli
import spock.lang.Specification

/**
 * A script whose top level outgrows one JVM method (about 6000 vm blocks) fails in ASM after a long
 * compile; that takes half a minute, so the translation is checked on the compiler's own error, and
 * end to end with 26 000 short statements, which outgrow the method in a few seconds.
 */
class TooLargeScriptSpec extends Specification {

    def 'a script too large for one method is a located error that says to use loops or split it'() {
        given:
        def errors = new ErrorCollector(new CompilerConfiguration())
        errors.addErrorAndContinue(new ExceptionMessage(
                new MethodTooLargeException('kvmsh_big_1', 'run', '()Ljava/lang/Object;', 70000), true, null))
        String source = (1..3).collect { "vm 'v$it' { memory 64 }" }.join('\n')

        when:
        def problems = ErrorTranslator.compilation(new MultipleCompilationErrorsException(errors), 'big.kvm', source)

        then:
        problems*.toString() == ['big.kvm:1:1: this script is too large to compile: its top level becomes one Java method,'
                + ' which may hold at most 64 KiB of code (the script has 3 lines) — declare similar VMs and networks in a'
                + ' loop, e.g. for (i in 1..500) { vm "web$i" { memory 512 } }, or split the script into several files']
    }

    def 'a real script of 26 000 lines is refused at its first line with the same advice, not with ASM\'s exception'() {
        given:
        def f = Files.createTempFile('kvmsh-big', '.kvm')
        Files.writeString(f, (1..26000).collect { "println 'line $it'" }.join('\n') + '\n')

        when:
        def r = Cli.run(['-c', 'test:///default', 'plan', f.toString()])

        then:
        r.code == 3
        r.err.startsWith("$f:1:1: this script is too large to compile: its top level becomes one Java method")
        r.err.contains('(the script has 26000 lines) — declare similar VMs and networks in a loop')
        !r.err.contains('MethodTooLarge')

        cleanup:
        Files.deleteIfExists(f)
    }
}
