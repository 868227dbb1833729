package kvmsh.dsl

import kvmsh.model.OpDef
import spock.lang.Specification

import static DslFixture.load
import static DslFixture.problems

/** The migrate and evacuate statements: what they put into the model, and their misuse, located. */
class MigrationStatementSpec extends Specification {

    static final String HOSTS = "hypervisor 'a', uri: 'test:///a.xml'\nhypervisor 'b', uri: 'sandbox:b'\n" +
            "vm 'web' { memory 64; on 'a' }\n"

    def 'migrate and evacuate with their options, as text, in script order'() {
        when:
        def m = load(HOSTS + """\
            migrate 'web', to: 'b', live: false, copyStorage: true, bandwidth: 100, timeout: 30
            migrate 'web', to: 'a', copyStorage: 'auto'
            evacuate 'a', to: 'b'
            """.stripIndent())

        then:
        m.ops()*.verb() == [OpDef.Verb.MIGRATE, OpDef.Verb.MIGRATE, OpDef.Verb.EVACUATE]
        m.ops()[0].target() == 'web'
        m.ops()[0].options() == [to: 'b', live: 'false', copyStorage: 'true', bandwidth: '100', timeout: '30']
        m.ops()[1].options() == [to: 'a', copyStorage: 'auto']
        m.ops()[2].target() == 'a'
        m.ops()[2].options() == [to: 'b']
        m.ops()[2].origin().toString() == 't.kvm:6:1'
    }

    def 'reports #what'() {
        expect:
        problems(script) == expected

        where:
        what | script || expected
        'an unknown option' | HOSTS + "migrate 'web', to: 'b', bandwith: 10" ||
                ["t.kvm:4:1: unknown migrate option 'bandwith' — did you mean 'bandwidth'?"]
        'an unrelated option' | HOSTS + "evacuate 'a', to: 'b', force: true" ||
                ["t.kvm:4:1: unknown evacuate option 'force' — expected one of: to, live, copyStorage, bandwidth, timeout"]
        'a migrate without to:' | HOSTS + "migrate 'web'" ||
                ["t.kvm:4:1: migrate needs to: — e.g. migrate 'web', to: 'b'"]
        'an evacuate without to:' | HOSTS + "evacuate 'a', live: true" ||
                ["t.kvm:4:1: evacuate needs to: — e.g. evacuate 'a', to: 'b'"]
        'live: not a boolean' | HOSTS + "migrate 'web', to: 'b', live: 'yes'" ||
                ["t.kvm:4:1: migrate live: expects true or false, got 'yes' — e.g. live: false"]
        'copyStorage: neither auto nor a boolean' | HOSTS + "migrate 'web', to: 'b', copyStorage: 'all'" ||
                ["t.kvm:4:1: migrate copyStorage: expects 'auto', true or false, got 'all' — e.g. copyStorage: true (copy every disk), or false (shared storage)"]
        'a bandwidth that is no whole number' | HOSTS + "migrate 'web', to: 'b', bandwidth: 1.5" ||
                ["t.kvm:4:1: migrate bandwidth: expects a whole number, got '1.5' — e.g. bandwidth: 30"]
        'an undeclared to:' | HOSTS + "migrate 'web', to: 'c'" ||
                ["t.kvm:4:1: migrate to: names hypervisor 'c', which is not declared — use one of: a, b"]
        'an undeclared host to evacuate' | HOSTS + "evacuate 'alpha', to: 'b'" ||
                ["t.kvm:4:1: evacuate names hypervisor 'alpha', which is not declared — use one of: a, b"]
        'a host evacuated onto itself' | HOSTS + "evacuate 'b', to: 'b'" ||
                ["t.kvm:4:1: evacuate 'b', to: 'b': a hypervisor cannot be evacuated onto itself — name another one with to: (a)"]
        'an unknown vm' | HOSTS + "migrate 'wbe', to: 'b'" ||
                ["t.kvm:4:1: unknown vm 'wbe': the script does not declare it and the host has none of that name — did you mean 'web'?"]
        'a script without hypervisors' | "vm 'web' { memory 64 }\nmigrate 'web', to: 'b'" ||
                ["t.kvm:2:1: migrate moves VMs between hypervisors, and this script declares none — declare the hosts (hypervisor 'a', uri: 'qemu+ssh://root@a/system', and one for 'b') and place each vm with on"]
    }
}
