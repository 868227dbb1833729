package kvmsh.dsl

import java.nio.file.Path
import spock.lang.Specification

class DslSessionSpec extends Specification {

    def session = new DslSession(Path.of('/srv/lab'), new FakeEnv(vms: ['a'] as Set), ['one'])

    def 'accumulates declarations of many snippets into one model'() {
        when:
        session.eval("network 'lan' { isolated '10.0.0.0/24' }", 'repl-1')
        session.eval("vm 'a' { nic network: 'lan' }", 'repl-2')
        def model = session.model('repl')

        then:
        model.networks()*.name() == ['lan']
        model.vms()*.name() == ['a']
        model.vms()[0].origin().toString() == 'repl-2:1:1'
    }

    def 'keeps binding variables between snippets'() {
        when:
        session.eval("size = 256", 'repl-1')
        def result = session.eval("vm 'a' { memory size }; args[0]", 'repl-2')

        then:
        result.value() == 'one'
        session.model('repl').vms()[0].memoryMiB() == 256
        session.binding().getVariable('size') == 256
    }

    def 'returns non-fatal problems of a snippet and does not repeat them later'() {
        when:
        def first = session.eval("vm 'a' { memroy 1 }", 'repl-1')
        def second = session.eval("vm 'b'", 'repl-2')

        then:
        first.problems()*.toString() == ["repl-1:1:10: unknown vm setting 'memroy' — did you mean 'memory'?"]
        second.problems().empty
    }

    def 'survives a snippet that does not compile'() {
        when:
        session.eval("vm 'a' {", 'repl-1')

        then:
        thrown(DslException)

        when:
        session.eval("vm 'b'", 'repl-2')

        then:
        session.model('repl').vms()*.name() == ['b']
    }

    def 'collects operations without running anything'() {
        when:
        session.eval("start 'a'; shutdown 'a'; destroy 'a'; undefine 'a'; info 'a'", 'repl-1')

        then:
        session.model('repl').ops()*.verb()*.name() == ['START', 'SHUTDOWN', 'DESTROY', 'UNDEFINE', 'INFO']
        session.model('repl').ops()*.origin()*.column() == [1, 12, 26, 39, 53]
    }
}
