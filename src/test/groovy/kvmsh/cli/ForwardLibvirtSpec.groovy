package kvmsh.cli

/** {@code forward} in a libvirt network, through the command line on libvirt's test driver. */
class ForwardLibvirtSpec extends TestDriverFixture {

    def 'a libvirt network with a forward is refused at the forward\'s line and nothing is defined'() {
        given:
        def file = script('f.kvm', """network 'lab' { nat '10.0.0.0/24'; host 'web', mac: '52:54:00:00:00:05', ip: '10.0.0.5'
    forward 2222, to: 'web:22' }
""")

        when:
        def r = kvmsh('plan', file.toString())

        then:
        r.code == 3
        r.err.contains("$file:2:5: network 'lab' forwards ports, which kvmsh does on its host driver's networks only so far, not on test:///default — use driver 'host' in its block")
        !('lab' in networks())
    }
}
