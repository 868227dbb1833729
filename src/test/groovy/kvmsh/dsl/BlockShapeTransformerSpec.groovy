package kvmsh.dsl

import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.RangeExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

class BlockShapeTransformerSpec extends Specification {

    /** How plain Groovy parses a statement, without our transform. */
    static MethodCallExpression parsePlain(String source) {
        def cu = new CompilationUnit()
        cu.addSource('plain.groovy', source)
        cu.compile(Phases.CONVERSION)
        cu.AST.modules[0].statementBlock.statements[0].expression as MethodCallExpression
    }

    def 'plain Groovy parses a name-block statement as a call of a method named after the name'() {
        when:
        def call = parsePlain("vm 'network' { }")
        def inner = call.arguments.expressions[0]

        then: 'vm(network({ }))'
        call.methodAsString == 'vm'
        inner instanceof MethodCallExpression
        inner.methodAsString == 'network'
    }

    def 'plain Groovy parses dhcp with a range as one range argument'() {
        expect: 'dhcp((a..b)), not (dhcp(a))..b'
        parsePlain("dhcp '10.0.0.1'..'10.0.0.9'").arguments.expressions[0] instanceof RangeExpression
    }

    def 'a subtraction spaced as arithmetic stays arithmetic, also on a setting name'() {
        when: 'a binding variable called memory, used in arithmetic and then as a setting value'
        def model = load("memory = 1024\nvm 'a' { memory memory - 512 }\nvm 'b' { cpus 4 - 2 }")

        then:
        model.vm('a').get().memoryMiB() == 512
        model.vm('b').get().cpus() == 2
    }

    def 'vm named network declares a VM called network instead of calling network'() {
        when:
        def model = load("vm 'network' { cpus 2 }")

        then:
        model.vms()*.name() == ['network']
        model.vms()[0].cpus() == 2
        model.networks().empty
    }

    def 'accepts the parenthesised and comma forms'() {
        when:
        def model = load("""network('a') { nat '10.1.0.0/24' }
network 'b', { nat '10.2.0.0/24' }
vm('c') { memory 64 }
vm 'd', { memory 65 }""")

        then:
        model.networks()*.name() == ['a', 'b']
        model.vms()*.memoryMiB() == [64L, 65L]
    }

    def 'declares VMs in a loop with GString names while int ranges keep working'() {
        when:
        def model = load('(1..3).each { i -> vm "web$i" { memory 256 * i } }')

        then:
        model.vms()*.name() == ['web1', 'web2', 'web3']
        model.vms()*.memoryMiB() == [256L, 512L, 768L]
    }

    def 'takes a DHCP range built from GStrings in a loop'() {
        when:
        def model = load('''for (i in 1..2) {
    network "n$i" { nat "10.$i.0.0/24"; dhcp "10.$i.0.10".."10.$i.0.99" }
}''')

        then:
        model.networks()*.dhcp()*.start() == ['10.1.0.10', '10.2.0.10']
        model.networks()*.dhcp()*.end() == ['10.1.0.99', '10.2.0.99']
    }

    def 'takes a DHCP range from variables and in named form'() {
        when:
        def model = load('''def from = '10.3.0.5', to = '10.3.0.6'
network 'a' { nat '10.3.0.0/24'; dhcp from..to }
network 'b' { nat '10.4.0.0/24'; dhcp start: '10.4.0.5', end: '10.4.0.9' }''')

        then:
        model.networks()*.dhcp()*.end() == ['10.3.0.6', '10.4.0.9']
    }

    def 'calls a function defined in the script with the name-block shape'() {
        when:
        def model = load('''def small(String name, Closure settings) {
    vm(name, settings)
}
small 'tiny' { cpus 3; memory 64 }''')

        then:
        model.vms()*.name() == ['tiny']
        model.vms()[0].memoryMiB() == 64
        model.vms()[0].cpus() == 3
    }

    def 'takes a variable, an index or a property as the name'() {
        when:
        def model = load('''def n = 'fromvar'
def names = ['fromindex']
def cfg = [name: 'fromprop']
vm n { }
vm names[0] { }
vm cfg.name { }''')

        then:
        model.vms()*.name() == ['fromvar', 'fromindex', 'fromprop']
    }

    def 'rejects an unknown block keyword at compile time with the nearest keyword'() {
        expect:
        problems("vm 'a' { }\n  netwrok 'lan' { nat '10.0.0.0/24' }") ==
                ["t.kvm:2:3: unknown block keyword 'netwrok' — did you mean 'network'?"]
    }

    def 'rejects an exclusive DHCP range'() {
        expect:
        problems("network 'a' { nat '10.0.0.0/24'; dhcp '10.0.0.2'..<'10.0.0.9' }") ==
                ["t.kvm:1:39: a DHCP range includes both ends — write dhcp 'start'..'end' without '<'"]
    }

    def 'leaves ordinary calls with a closure argument alone'() {
        when:
        def model = load('''def twice(x) { x * 2 }
def id(Closure c) { c() }
vm 'a' { memory(twice id { 32 }) }''')

        then:
        model.vms()[0].memoryMiB() == 64
    }
}
