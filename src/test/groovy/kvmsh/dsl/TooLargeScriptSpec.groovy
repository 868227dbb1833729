package kvmsh.dsl

import groovyjarjarasm.asm.MethodTooLargeException
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.ErrorCollector
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.ExceptionMessage
import spock.lang.Specification

/**
 * A script whose top level outgrows one JVM method (about 6000 vm blocks) fails in ASM after a long
 * compile; that takes half a minute, so the translation is checked on the compiler's own error here
 * and by hand in the issue's note.
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
}
