package kvmsh.cli

/**
 * {@code forward} in a libvirt network through the command line on libvirt's test driver, a
 * simulated host without a firewall (kvmsh's chains there are ForwardFirewallSpec's and
 * ForwardE2ESpec's): the plan, its JSON, libvirt's open mode, and no changes once applied.
 */
class ForwardLibvirtSpec extends TestDriverFixture {

    def 'a libvirt network with forwards is planned with them, defined in open mode, and then has no changes'() {
        given:
        def file = script('f.kvm', """network 'fwd-lab' { nat '10.45.0.0/24'; host 'web', mac: '52:54:00:00:00:05', ip: '10.45.0.5'
    forward 2222, to: 'web:22'; forward 53, to: 'web', proto: 'udp' }
""").toString()

        when:
        def plan = kvmsh('plan', file)
        def json = kvmsh('plan', '--json', file)
        def run = kvmsh('run', file)
        def again = kvmsh('plan', file)

        then:
        plan.code == 0
        plan.out.contains('+ define network fwd-lab (nat 10.45.0.0/24, bridge fwd-lab, forward tcp 2222 → web:22 (10.45.0.5), udp 53 → web:53 (10.45.0.5))')
        json.code == 0
        new groovy.json.JsonSlurper().parseText(json.out).steps[0].fields.find { it.name == 'forwards' } ==
                [name: 'forwards', before: null, after: 'tcp 2222 → web:22 (10.45.0.5), udp 53 → web:53 (10.45.0.5)', changed: true]
        run.code == 0
        keepAlive.networkLookupByName('fwd-lab').getXMLDesc(0).contains("<forward mode='open'/>")
        again.code == 0
        again.out.contains('No changes.')

        cleanup:
        kvmsh('down', '--yes', file)
    }
}
