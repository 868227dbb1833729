package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path

/**
 * cloud-init and images against libvirt's test driver: real libvirt code, no daemon. The driver
 * keeps no volume contents (virStorageVolUpload is not supported there), so the seed is built and its
 * volume created but not filled; the sandbox's end-to-end spec checks what the guest sees.
 */
class CloudInitTestDriverSpec extends TestDriverFixture {

    static final String KEY1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJHHGhCH2U+E8l+ozKCVSLEvyEsfcIe0HtJokGqlZugo one@kvmsh'
    static final String KEY2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIBZFks3KNteMWOsJ0JJ9zff5irYexs7ak5wcZIff89C two@kvmsh'

    Path script(String key) {
        Path base = dir.resolve('base.qcow2')
        if (!Files.exists(base)) {
            Files.write(base, [0x51, 0x46, 0x49, 0xfb] as byte[])
        }
        Path p = dir.resolve('web.kvm')
        Files.writeString(p, """vm 'ciweb' {
    memory 256
    image '$base'
    disk size: '8G'
    cloudInit {
        user 'admin', sshKey: '$key', sudo: true
        packages 'nginx'
    }
}
""")
        p
    }

    def 'plan shows the overlay, the seed and the VM; a changed key replaces the seed and nothing else'() {
        given:
        def f = script(KEY1).toString()

        when:
        def plan = kvmsh('plan', f)

        then:
        plan.code == 0
        plan.out.contains('+ create volume default-pool/ciweb-vda.qcow2 (qcow2 overlay on ' + dir.resolve('base.qcow2') + ', 8 GiB)')
        plan.out =~ /\+ create cloud-init seed default-pool\/ciweb-cidata.iso of ciweb \(instance-id kvmsh-[0-9a-f]{16}\)/
        plan.out.contains('+ define vm ciweb')

        when:
        def run = kvmsh('run', f)
        def xml = keepAlive.domainLookupByName('ciweb').getXMLDesc(0)
        def firstId = (xml =~ /instance-id="(kvmsh-[0-9a-f]+)"/)[0][1]

        then:
        run.code == 0
        run.out.contains('the seed of')
        volumes().containsAll(['ciweb-vda.qcow2', 'ciweb-cidata.iso'])
        xml.contains("<source pool='default-pool' volume='ciweb-cidata.iso'")
        xml =~ /(?s)<disk type='volume' device='cdrom'>.*<target dev='hda' bus='ide'\/>\s*<readonly\/>/

        when: 'the script is unchanged'
        def again = kvmsh('plan', f)

        then:
        again.out.contains('No changes')

        when: 'a key changes'
        script(KEY2)
        def changed = kvmsh('plan', f)
        def steps = changed.out.readLines().findAll { it =~ /^\s+[-+~>] / }

        then:
        steps.size() == 1
        steps[0] =~ /~ replace cloud-init seed of ciweb \(instance-id ${firstId} → kvmsh-[0-9a-f]{16}\)/

        when:
        def replaced = kvmsh('run', '--verify', f)

        then:
        replaced.code == 0
        !(keepAlive.domainLookupByName('ciweb').getXMLDesc(0).contains(firstId))

        when:
        def down = kvmsh('down', '--yes', f)

        then:
        down.code == 0
        !volumes().contains('ciweb-cidata.iso')
        !volumes().contains('ciweb-vda.qcow2')
        Files.exists(dir.resolve('base.qcow2'))
    }

    def 'dsl-examples/cloud-init.kvm plans an overlay of its image, a seed and the VM'() {
        given: 'the example with its image and key at paths of this test'
        Path base = dir.resolve('debian.qcow2')
        Files.write(base, [0x51, 0x46, 0x49, 0xfb] as byte[])
        Path pub = dir.resolve('id.pub')
        Files.writeString(pub, KEY1 + '\n')
        def text = Files.readString(Path.of(projectDir, 'dsl-examples/cloud-init.kvm'))
        def example = dir.resolve('cloud-init.kvm')
        Files.writeString(example, text
                .replace('/var/lib/libvirt/images/debian-12-genericcloud-amd64.qcow2', base.toString())
                .replace('~/.ssh/id_ed25519.pub', pub.toString()))

        when:
        def plan = kvmsh('plan', example.toString())

        then:
        text.contains("image '/var/lib/libvirt/images/debian-12-genericcloud-amd64.qcow2'")
        plan.code == 0
        plan.out.contains('+ create volume default-pool/web-vda.qcow2 (qcow2 overlay on ' + base + ', 20 GiB)')
        plan.out =~ /\+ create cloud-init seed default-pool\/web-cidata.iso of web \(instance-id kvmsh-[0-9a-f]{16}\)/
        plan.out.contains('+ define vm web (1024 MiB, 2 cpus, nic on lab)')
        plan.out.contains('+ define network lab')
    }
}
