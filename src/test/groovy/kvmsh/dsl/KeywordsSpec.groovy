package kvmsh.dsl

import java.lang.reflect.Modifier
import spock.lang.Specification

class KeywordsSpec extends Specification {

    def 'every public DSL method carries a Keyword annotation with an example'() {
        expect:
        [KvmshScript, NetworkSpec, VmSpec, CustomizeSpec, PoolSpec].each { type ->
            def dsl = type.declaredMethods.findAll {
                Modifier.isPublic(it.modifiers) && !it.synthetic &&
                        !(it.name in ['methodMissing', 'propertyMissing', KvmshScript.AT])
            }
            dsl.each { m ->
                def k = m.getAnnotation(Keyword)
                assert k != null: "${type.simpleName}.${m.name} has no @Keyword"
                assert k.example().startsWith(m.name): "${type.simpleName}.${m.name} example should start with its name"
            }
        }
    }

    def 'lists the keywords of each block'() {
        expect:
        Keywords.of(KvmshScript).keySet() as List == ['attach', 'autostart', 'deleteSnapshot', 'destroy', 'detach', 'evacuate', 'hook', 'hypervisor', 'info',
                                                     'leases', 'list', 'migrate', 'network', 'pool', 'project', 'reboot', 'resume', 'revert',
                                                     'shutdown', 'sleep', 'snapshot', 'snapshots', 'ssh', 'start', 'stats', 'suspend',
                                                     'undefine', 'vm', 'waitForLease', 'waitForSsh', 'watch']
        Keywords.of(NetworkSpec).keySet().containsAll(['nat', 'isolated', 'routed', 'bridge', 'dhcp', 'host', 'gateway',
                                                      'stp', 'delay', 'device', 'autostart', 'pxe', 'on'])
        Keywords.of(VmSpec).keySet().containsAll(['memory', 'cpus', 'accel', 'disk', 'cdrom', 'boot', 'kernel', 'initrd',
                                                 'cmdline', 'nic', 'graphics', 'serial', 'autostart', 'state', 'os',
                                                 'customize', 'on'])
        Keywords.of(CustomizeSpec).keySet() as List == ['append', 'remove', 'set']
        Keywords.of(PoolSpec).keySet() as List == ['autostart', 'dir', 'on']
    }

    def 'finds the nearest keyword for typos and nothing for unrelated words'() {
        expect:
        Keywords.nearest(word, ['network', 'vm', 'memory', 'cpus']) == Optional.ofNullable(nearest)

        where:
        word      || nearest
        'netwrok' || 'network'
        'memroy'  || 'memory'
        'mv'      || 'vm'
        'cpu'     || 'cpus'
        'banana'  || null
    }
}
