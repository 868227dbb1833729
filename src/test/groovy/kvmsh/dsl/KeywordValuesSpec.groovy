package kvmsh.dsl

import spock.lang.Specification

/**
 * The words a keyword's {@link Values} offer (the REPL completes them) are the words its check accepts:
 * each one, put into a script, loads without a problem.
 */
class KeywordValuesSpec extends Specification {

    /** A script using word w for each keyword (and option) that declares words; a new one needs a line here. */
    static final Map<String, Closure<String>> SCRIPTS = [
            'VmSpec.accel:'              : { w -> "vm 'v' { accel '$w' }" },
            'VmSpec.boot:'               : { w -> "vm 'v' { boot '$w' }" },
            'VmSpec.graphics:'           : { w -> "vm 'v' { graphics '$w' }" },
            'VmSpec.state:'              : { w -> "vm 'v' { state '$w' }" },
            'VmSpec.nic:model'           : { w -> "vm 'v' { nic tap: 'vnet0', model: '$w' }" },
            'VmSpec.disk:bus'            : { w -> "vm 'v' { disk size: '1G', bus: '$w' }" },
            'VmSpec.cdrom:bus'           : { w -> "vm 'v' { cdrom '/srv/x.iso', bus: '$w' }" },
            'VmSpec.disk:format'         : { w -> "vm 'v' { disk '/srv/x.img', format: '$w' }" },
            'VmSpec.disk:backingFormat'  : { w -> "vm 'v' { disk backing: '/srv/b.img', backingFormat: '$w' }" },
            'NetworkSpec.driver:'        : { w -> "network 'n' { isolated '10.61.0.0/24'; driver '$w' }" },
            'KvmshScript.watch:until'    : { w -> "vm 'v' { memory 64 }\nwatch 'v', until: '$w', seconds: 1" },
    ]

    def 'every word a keyword offers is accepted by its check'() {
        given:
        def declared = [:]
        [KvmshScript, VmSpec, NetworkSpec, PoolSpec, CustomizeSpec, CloudInitSpec].each { type ->
            Keywords.of(type).keySet().each { k ->
                (Keywords.options(type, k) + ['']).each { o ->
                    def words = Keywords.choices(type, k, o).words()
                    if (words) {
                        declared["${type.simpleName}.$k:$o".toString()] = words
                    }
                }
            }
        }

        expect: 'each keyword with words has its script above'
        declared.keySet() == SCRIPTS.keySet()

        and:
        declared.each { key, words ->
            words.each { w ->
                def script = SCRIPTS[key](w)
                try {
                    DslFixture.load(script)
                } catch (DslException e) {
                    assert false: "$key offers '$w', which is refused:\n$script\n${e.diagnostics().join('\n')}"
                }
            }
        }
    }

    def 'a keyword declares the kind of name its argument takes, on any overload'() {
        expect:
        Keywords.choices(KvmshScript, 'start', '').kinds() == [Values.Kind.STOPPED_VM] as Set
        Keywords.choices(KvmshScript, 'shutdown', '').kinds() == [Values.Kind.RUNNING_VM] as Set
        Keywords.choices(VmSpec, 'os', '').kinds() == [Values.Kind.OS] as Set
        Keywords.choices(VmSpec, 'nic', 'tap').kinds() == [Values.Kind.NEW_TAP] as Set
        Keywords.choices(VmSpec, 'disk', '').kinds() == [Values.Kind.PATH] as Set
        Keywords.choices(VmSpec, 'memory', '').isEmpty()
    }

    def 'options and blocks come from every overload and from @DelegatesTo'() {
        expect:
        Keywords.options(VmSpec, 'disk').containsAll(['size', 'pool', 'name', 'format', 'bus', 'backing', 'backingFormat', 'protect'])
        Keywords.block(KvmshScript, 'vm') == Optional.of(VmSpec)
        Keywords.block(VmSpec, 'customize') == Optional.of(CustomizeSpec)
        Keywords.block(VmSpec, 'cloudInit') == Optional.of(CloudInitSpec)
        Keywords.block(VmSpec, 'memory').isEmpty()
    }
}
