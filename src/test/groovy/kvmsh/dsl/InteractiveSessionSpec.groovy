package kvmsh.dsl

import java.nio.file.Path
import spock.lang.Specification

class InteractiveSessionSpec extends Specification {

    def session = DslSession.interactive(Path.of('/srv/lab'), new FakeEnv())

    def 'a second declaration of the same name replaces the first, in its place'() {
        when:
        session.eval("vm 'a' { memory 128 }", 'repl#1')
        session.eval("vm 'b'", 'repl#2')
        session.eval("vm 'a' { memory 256 }", 'repl#3')
        def model = session.model('repl')

        then:
        model.vms()*.name() == ['a', 'b']
        model.vms()[0].memoryMiB() == 256
        model.vms()[0].origin().file() == 'repl#3'
    }

    def 'a script session still reports a name declared twice'() {
        given:
        def script = new DslSession(Path.of('/srv/lab'), new FakeEnv(), [])

        when:
        script.eval("vm 'a'\nvm 'a'", 't.kvm')
        script.model('t.kvm')

        then:
        def e = thrown(DslException)
        e.message.contains("vm 'a' is declared twice")
    }

    def 'top-level def variables and functions persist between entries'() {
        when:
        session.eval("def size = 256\ndef twice(n) { n * 2 }", 'repl#1')
        def value = session.eval("twice(size)", 'repl#2').value()
        session.eval("vm 'a' { memory twice(size) }", 'repl#3')

        then:
        value == 512
        session.model('repl').vms()[0].memoryMiB() == 512
    }

    def 'a function of an earlier entry takes the name-and-block shape'() {
        when:
        session.eval("def web(name, body) { vm(name, body) }", 'repl#1')
        session.eval("web 'a' { cpus 2 }", 'repl#2')

        then:
        session.model('repl').vms()[0].name() == 'a'
        session.model('repl').vms()[0].cpus() == 2
    }

    def 'recursive functions and functions calling each other keep working'() {
        when:
        session.eval("def fact(n) { n <= 1 ? 1 : n * fact(n - 1) }", 'repl#1')

        then:
        session.eval("fact(5)", 'repl#2').value() == 120
    }

    def 'a def inside a loop stays local'() {
        when:
        session.eval("for (i in 1..2) { def inner = i }", 'repl#1')
        session.eval("inner", 'repl#2')

        then:
        def e = thrown(DslException)
        e.message.contains("unknown name 'inner'")
    }

    def 'rolls back the declarations of a failed entry'() {
        given:
        session.eval("vm 'a' { memory 128 }", 'repl#1')
        def mark = session.checkpoint()

        when:
        session.eval("vm 'a' { memory 999 }; vm 'c'; start 'a'", 'repl#2')
        def declared = session.declaredSince(mark)
        session.rollback(mark)

        then:
        declared == ["vm 'a'", "vm 'c'"]
        session.model('repl').vms()*.name() == ['a']
        session.model('repl').vms()[0].memoryMiB() == 128
        session.takeOps().empty
    }

    def 'takes the statements of each entry once'() {
        when:
        session.eval("start 'a'; list()", 'repl#1')
        def first = session.takeOps()
        def second = session.takeOps()

        then:
        first*.verb()*.name() == ['START', 'LIST']
        second.empty
    }

    def 'sleep ends on a thread interrupt'() {
        given:
        Thread.currentThread().interrupt()

        when:
        session.eval("sleep 60000", 'repl#1')

        then:
        def e = thrown(DslException)
        e.message.contains('Interrupted')

        cleanup:
        Thread.interrupted()
    }

    def 'a loop stops on a thread interrupt'() {
        given:
        Thread.currentThread().interrupt()

        when:
        session.eval("while (true) { }", 'repl#1')

        then:
        def e = thrown(DslException)
        e.message.contains('Interrupted')

        cleanup:
        Thread.interrupted()
    }
}
