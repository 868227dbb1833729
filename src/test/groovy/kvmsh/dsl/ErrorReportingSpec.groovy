package kvmsh.dsl

import spock.lang.Specification

import static DslFixture.problems

class ErrorReportingSpec extends Specification {

    def 'locates a syntax error by line and column'() {
        expect:
        problems("vm 'a' { memory 128 }\n\n  def x = = 3") ==
                ["t.kvm:3:11: kvmsh cannot read the script from '=' on — check this line for a missing quote, comma, bracket or operator"]
        problems("vm 'a' { memory 128 }\nvm 'b' { memory 'x }") ==
                ["t.kvm:2:17: the text starting with ' at 2:17 is not closed on its line — add the closing '"]
    }

    def 'reports all syntax-level DSL errors of a script together'() {
        expect:
        problems("netwrok 'a' { }\nvm 'b' { }\nmv 'c' { }") == [
                "t.kvm:1:1: unknown block keyword 'netwrok' — did you mean 'network'?",
                "t.kvm:3:1: unknown block keyword 'mv' — did you mean 'vm'?"]
    }

    def 'suggests the nearest setting for a misspelled keyword inside a block'() {
        expect:
        problems("vm 'a' {\n    memroy 128\n}") == ["t.kvm:2:5: unknown vm setting 'memroy' — did you mean 'memory'?"]
        problems("network 'n' { nat '10.0.0.0/24'; dchp '10.0.0.2'..'10.0.0.3' }") ==
                ["t.kvm:1:34: unknown network setting 'dchp' — did you mean 'dhcp'?"]
    }

    def 'does not let a keyword inside a block resolve to a top-level statement'() {
        expect:
        problems("vm 'a' { start 'a' }") == ["t.kvm:1:10: 'start' cannot be used inside a vm block — move it after the block"]
    }

    def 'suggests the nearest statement for a misspelled keyword outside blocks'() {
        expect:
        problems("vm 'a'\nstrat 'a'") == ["t.kvm:2:1: unknown statement 'strat' — did you mean 'start'?"]
        problems("memory 5") == ["t.kvm:1:1: 'memory' is a vm setting — put it inside a block: vm 'name' { memory … }"]
    }

    def 'locates a runtime exception thrown by user code at the script frame'() {
        expect:
        problems("vm 'a' {\n    memory 128\n    cpus 4 / 0\n}") == ["t.kvm:3:5: division by zero — check the divisor"]
    }

    def 'locates a runtime exception inside a function of the script'() {
        expect:
        problems("def boom(x) {\n  x.explode()\n}\nvm 'a' { memory boom(1) }") ==
                ['t.kvm:2:3: an Integer has no method explode() for these arguments — check the name and the arguments']
    }

    def 'explains an unquoted name'() {
        expect:
        problems("vm web1 { }") == ["t.kvm:1:1: unknown name 'web1' — quote it if it is a name ('web1'), or assign it before use"]
    }

    def 'keeps problems found before a runtime exception'() {
        expect:
        problems("vm 'a' { memroy 1 }\nthrow new IllegalStateException('stop')") == [
                "t.kvm:1:10: unknown vm setting 'memroy' — did you mean 'memory'?",
                't.kvm:2:1: IllegalStateException: stop']
    }

    def 'prints no stack trace in messages'() {
        when:
        new ScriptLoader(new FakeEnv()).load("vm 'a' { cpus 1 / 0 }", 't.kvm', [])

        then:
        def e = thrown(DslException)
        e.message == 't.kvm:1:10: division by zero — check the divisor'
        e.stackTrace.length == 0
    }
}
