package kvmsh.dsl


import kvmsh.dsl.save.ScriptWriter
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

    def 'a project survives the round trip'() {
        given:
        HostModel original = new ScriptLoader(env).load("project 'shop-site'\nvm 'a' { memory 128 }\n", '/srv/a.kvm', [])

        when:
        def text = ScriptWriter.write(original)

        then:
        original.project() == 'shop-site'
        text.startsWith("project 'shop-site'\n")
        new ScriptLoader(env).load(text, '/elsewhere/b.kvm', []).project() == 'shop-site'
    }

    def 'protect and was survive the round trip'() {
        given:
        HostModel original = new ScriptLoader(env).load(
                "vm 'db' { was 'dbsrever'; protect true; memory 128; disk size: '8G', protect: true }\n", '/srv/a.kvm', [])

        when:
        def text = ScriptWriter.write(original)
        def again = new ScriptLoader(env).load(text, '/elsewhere/b.kvm', []).vms()[0]

        then:
        text.contains("was 'dbsrever'")
        text.contains('protect true')
        text.contains("disk size: '8G', protect: true")
        again.was() == 'dbsrever'
        again.isProtected()
        again.disks()[0].protect()
    }

    def 'pools, PXE, OS defaults, overlays and XML edits survive the round trip too'() {
        given:
        HostModel original = new ScriptLoader(env).load("""
pool 'images' { dir '/srv/images' }
network 'deploy' {
    nat '192.168.150.0/24'
    dhcp '192.168.150.100'..'192.168.150.200'
    pxe root: '/srv/tftp', file: 'pxelinux.0'
}
vm 'install1' {
    os 'exos2'
    disk size: '8G', pool: 'images'
    disk backing: '/srv/images/base.qcow2', size: '20G', pool: 'images'
    boot 'network', 'hd'
    nic network: 'deploy', model: 'virtio'
    customize {
        set '/domain/on_crash', 'restart'
        append '/domain/devices', "<watchdog model='i6300esb'/>"
        remove '/domain/features/apic'
    }
}
""", '/srv/lab/parity.kvm', [])

        when:
        def text = ScriptWriter.write(original)
        HostModel again = new ScriptLoader(env).load(text, '/elsewhere/saved.kvm', [])

        then:
        withoutOrigins(again.pools()) == withoutOrigins(original.pools())
        withoutOrigins(again.networks()) == withoutOrigins(original.networks())
        withoutOrigins(again.vms()) == withoutOrigins(original.vms())
        original.vms()[0].os() == 'http://example.org/exos/2'
        original.vms()[0].customize().size() == 3
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
