package kvmsh.dsl

import java.lang.reflect.RecordComponent
import kvmsh.model.HostModel
import spock.lang.Specification

class ScriptWriterSpec extends Specification {

    def env = new FakeEnv(files: ['/'])

    def 'a written model loads again as the same model'() {
        given:
        def source = getClass().getResource('/dsl/rich.kvm').text
        HostModel original = new ScriptLoader(env).load(source, '/srv/lab/rich.kvm', [])

        when:
        def text = ScriptWriter.write(original)
        HostModel again = new ScriptLoader(env).load(text, '/elsewhere/saved.kvm', [])

        then:
        withoutOrigins(again.networks()) == withoutOrigins(original.networks())
        withoutOrigins(again.vms()) == withoutOrigins(original.vms())
        ScriptWriter.write(again) == text
    }

    def 'leaves out defaults and writes what differs'() {
        given:
        def model = DslFixture.load("""
            network 'lan' { nat '10.0.0.0/24' }
            vm 'a' { memory 128; disk size: '1536M', pool: 'fast'; nic network: 'lan', model: 'e1000'; state 'any' }
        """, env)

        expect:
        ScriptWriter.write(model) == '''\
network 'lan' {
    nat '10.0.0.0/24'
    gateway '10.0.0.1'
}
vm 'a' {
    memory 128
    disk size: '1536M', pool: 'fast'
    nic network: 'lan', model: 'e1000'
    state 'any'
}
'''
    }

    def 'quotes names that need escaping'() {
        expect:
        ScriptWriter.quote("it's a \\ test") == "'it\\'s a \\\\ test'"
    }

    /** Records as maps, recursively, without their 'origin' components (a reload has new ones). */
    static Object withoutOrigins(Object value) {
        if (value instanceof List) {
            return value.collect { withoutOrigins(it) }
        }
        if (value != null && value.getClass().isRecord()) {
            def map = [:]
            for (RecordComponent c : value.getClass().recordComponents) {
                if (c.name != 'origin') {
                    map[c.name] = withoutOrigins(c.accessor.invoke(value))
                }
            }
            return map
        }
        return value
    }
}
