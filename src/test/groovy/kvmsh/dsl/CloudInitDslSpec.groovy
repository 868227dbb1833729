package kvmsh.dsl


import kvmsh.dsl.save.ScriptWriter
import java.nio.file.Files
import java.nio.file.Path
import kvmsh.cloudinit.CloudConfig
import kvmsh.model.HostModel
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Unroll

import static DslFixture.load
import static DslFixture.problems

class CloudInitDslSpec extends Specification {

    /** A real ed25519 public key (made by ssh-keygen for this spec; its private half was thrown away). */
    static final String KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJHHGhCH2U+E8l+ozKCVSLEvyEsfcIe0HtJokGqlZugo test@kvmsh'

    @Shared
    @TempDir
    Path dir

    def 'a cloudInit block gives the VM its identity, users and first-boot work, and a seed on IDE'() {
        when:
        HostModel m = load("""
vm 'web' {
    disk size: '8G', pool: 'images'
    cloudInit {
        user 'admin', sshKey: '$KEY', sudo: true
        user 'ops', password: 'secret'
        packages 'nginx', 'curl'
        runcmd 'systemctl enable --now nginx'
        writeFile '/etc/motd', 'hello'
        timezone 'Europe/Berlin'
    }
}""")
        def c = m.vms()[0].cloudInit()

        then:
        c.hostname() == 'web'
        c.users()*.name() == ['admin', 'ops']
        c.users()[0].sshKeys() == [KEY]
        c.users()[0].sudo() == 'ALL=(ALL) NOPASSWD:ALL'
        c.users()[1].password() == 'secret'
        c.packages() == ['nginx', 'curl']
        c.runcmd() == ['systemctl enable --now nginx']
        c.writeFiles()*.path() == ['/etc/motd']
        c.timezone() == 'Europe/Berlin'
        c.seedVolume() == 'web-cidata.iso'
        c.seedPool() == 'images'
        c.seedTarget() == 'hda'
    }

    def 'sshKey reads a .pub file (relative to the script, or under ~)'() {
        given:
        Files.writeString(dir.resolve('id.pub'), KEY + '\n')

        expect:
        new ScriptLoader(new FakeEnv(files: ['/'])).load(
                "vm 'a' { cloudInit { user 'u', sshKey: 'id.pub' } }", dir.resolve('t.kvm').toString(), [])
                .vms()[0].cloudInit().users()[0].sshKeys() == [KEY]
        CloudInitSpec.expand('~/.ssh/id.pub') == System.getProperty('user.home') + '/.ssh/id.pub'
    }

    def 'image makes the first new disk an overlay of the image, or adds one of its size'() {
        when:
        def grown = load("vm 'a' { image '/srv/base.qcow2'; disk size: '20G' }").vms()[0].disks()
        def plain = load("vm 'a' { image '/srv/base.qcow2' }").vms()[0].disks()

        then:
        grown.size() == 1
        grown[0].backing() == '/srv/base.qcow2'
        grown[0].sizeBytes() == 20L << 30
        grown[0].volume() == 'a-vda.qcow2'
        plain.size() == 1
        plain[0].backing() == '/srv/base.qcow2'
        plain[0].sizeBytes() == 0
    }

    def 'the hostname comes from userData when the block does not set it'() {
        expect:
        load("vm 'a' { cloudInit { userData '#cloud-config\\nhostname: db1\\n' } }").vms()[0].cloudInit().hostname() == 'db1'
        load("vm 'a' { cloudInit { hostname 'x'; userData '#cloud-config\\nhostname: db1\\n' } }").vms()[0].cloudInit().hostname() == 'x'
    }

    @Unroll
    def 'reports #what'() {
        expect:
        problems(script, new FakeEnv(files: ['/exists/'] as Set)) == [expected]

        where:
        what                          | script                                                                               || expected
        'a key that is not a key'     | "vm 'a' { cloudInit { user 'u', sshKey: 'ssh-rsa hello' } }"                         || "t.kvm:1:22: sshKey the key data of 'ssh-rsa hello' is not base64 — give an OpenSSH public key: 'ssh-ed25519 AAAA… comment' or its .pub file"
        'a key of the wrong type'     | "vm 'a' { cloudInit { user 'u', sshKey: '${KEY.replace('ssh-ed25519', 'ssh-rsa')}' } }" || "t.kvm:1:22: sshKey the key data of 'ssh-rsa AAAAC3NzaC1lZ…' is a ssh-ed25519 key, not ssh-rsa — give an OpenSSH public key: 'ssh-ed25519 AAAA… comment' or its .pub file"
        'a private key'               | "vm 'a' { cloudInit { user 'u', sshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Blbn\\n' } }" || "t.kvm:1:22: sshKey this is a private key — give the public key (the .pub file next to it)"
        'a missing key file'          | "vm 'a' { cloudInit { user 'u', sshKey: '/nope/id.pub' } }"                          || "t.kvm:1:22: sshKey '/nope/id.pub' is not an OpenSSH public key, and no such file exists — give the key's text ('ssh-ed25519 AAAA…') or its .pub file"
        'user-data without its header' | "vm 'a' { cloudInit { userData 'hostname: x\\n' } }"                                || "t.kvm:1:22: userData lacks its first line '#cloud-config' — start it with #cloud-config (cloud-init ignores user-data without it)"
        'user-data that is not YAML'  | "vm 'a' { cloudInit { userData '#cloud-config\\nusers: [a\\n' } }"                   || "t.kvm:1:22: userData is not valid YAML: expected ',' or ']', but got <stream end> at its line 3, column 1 — fix the YAML (indent with spaces, 'key: value')"
        'user-data that is a list'    | "vm 'a' { cloudInit { userData '#cloud-config\\n- a\\n' } }"                         || "t.kvm:1:22: userData is not valid YAML: the document is a list, not a mapping of settings — fix the YAML (a mapping of 'key: value')"
        'a missing user-data file'    | "vm 'a' { cloudInit { userData '/nope/cc.yaml' } }"                                  || "t.kvm:1:22: userData file /nope/cc.yaml does not exist — give the document's text (it has several lines) or the path of a file holding it"
        'network-config without version' | "vm 'a' { cloudInit { networkConfig 'ethernets: {}\\n' } }"                       || "t.kvm:1:22: networkConfig is not netplan version 2 (no 'version: 2') — start it with version: 2, e.g. 'version: 2\\nethernets: …'"
        'an unknown setting'          | "vm 'a' { cloudInit { hostnme 'x' } }"                                               || "t.kvm:1:22: unknown cloudInit setting 'hostnme' — did you mean 'hostname'?"
        'an unknown user option'      | "vm 'a' { cloudInit { user 'u', sudu: true } }"                                      || "t.kvm:1:22: unknown user option 'sudu' — did you mean 'sudo'?"
        'a bad user name'             | "vm 'a' { cloudInit { user 'Root Admin' } }"                                         || "t.kvm:1:22: 'Root Admin' is not a valid user name — use lower-case letters, digits, '_' and '-', starting with a letter, e.g. user 'admin'"
        'a user declared twice'       | "vm 'a' { cloudInit { user 'u'; user 'u' } }"                                        || "t.kvm:1:32: user 'u' is declared twice — declare each user once"
        'a bad hostname'              | "vm 'a' { cloudInit { hostname 'web_1' } }"                                          || "t.kvm:1:22: 'web_1' is not a valid hostname — use letters, digits and '-', e.g. hostname 'web1'"
        'an unknown time zone'        | "vm 'a' { cloudInit { timezone 'Europe/Berln' } }"                                   || "t.kvm:1:22: unknown time zone 'Europe/Berln' — did you mean 'Europe/Berlin'?"
        'a relative writeFile path'   | "vm 'a' { cloudInit { writeFile 'etc/motd', 'x' } }"                                 || "t.kvm:1:22: writeFile path 'etc/motd' is not absolute — write the guest path from /, e.g. '/etc/motd'"
        'cloudInit twice'             | "vm 'a' { cloudInit { }; cloudInit { } }"                                            || "t.kvm:1:25: vm setting 'cloudInit' is declared twice (first at t.kvm:1:10) — keep one cloudInit line; a later one would silently replace the first"
        'a missing image'             | "vm 'a' { image '/nope/base.qcow2' }"                                                || "t.kvm:1:10: image /nope/base.qcow2 does not exist — check the path (relative paths are relative to the script's directory)"
        'a top-level statement inside' | "vm 'a' { cloudInit { start 'a' } }"                                               || "t.kvm:1:22: 'start' cannot be used inside a cloudInit block — move it after the block"
    }

    def 'networkConfig static: true derives the addresses, route and DNS of the reservations'() {
        when:
        def c = load("""
network 'lab' {
    nat '10.0.0.0/24'
    ipv6 'fd00:10::/64'
    domain 'lab.local'
    host 'web', mac: '52:54:00:00:00:10', ip: '10.0.0.5', ip6: 'fd00:10::5'
}
network 'back' {
    isolated '192.168.50.0/24'
    host 'web-back', mac: '52:54:00:00:00:11', ip: '192.168.50.5'
}
network 'spare' { nat '10.9.0.0/24' }
vm 'web' {
    nic network: 'lab', mac: '52:54:00:00:00:10'
    nic network: 'back', mac: '52:54:00:00:00:11'
    nic network: 'spare', mac: '52:54:00:00:00:12'
    cloudInit { networkConfig static: true }
}""").vms()[0].cloudInit()
        def doc = CloudConfig.parseMapping(c.networkConfig())

        then: 'the first NAT NIC has the default route, the isolated one none, the unreserved one DHCP'
        doc == [version: 2, ethernets: [
                nic0: [match: [macaddress: '52:54:00:00:00:10'], addresses: ['10.0.0.5/24', 'fd00:10::5/64'], 'accept-ra': true,
                       routes: [[to: 'default', via: '10.0.0.1']],
                       nameservers: [addresses: ['10.0.0.1'], search: ['lab.local']]],
                nic1: [match: [macaddress: '52:54:00:00:00:11'], addresses: ['192.168.50.5/24'],
                       nameservers: [addresses: ['192.168.50.1']]],
                nic2: [match: [macaddress: '52:54:00:00:00:12'], dhcp4: true]]]

        and: 'the reservations are part of the seed, so changing one gives a new instance-id'
        CloudConfig.render(c).networkConfig() == c.networkConfig()
    }

    @Unroll
    def 'networkConfig static: true reports #what'() {
        expect:
        problems(script) == [expected]

        where:
        what                            | script || expected
        'a NIC without the reserved MAC' | "network 'lab' { nat '10.0.0.0/24'; host 'web', mac: '52:54:00:00:00:10', ip: '10.0.0.5' }\nvm 'web' { nic network: 'lab'; cloudInit { networkConfig static: true } }" || "t.kvm:2:12: networkConfig static: true, but this NIC has no mac: and network 'lab' reserves 10.0.0.5 for host 'web' by MAC 52:54:00:00:00:10 — give the NIC that MAC: mac: '52:54:00:00:00:10'"
        'no reservation at all'          | "network 'lab' { nat '10.0.0.0/24' }\nvm 'web' { nic network: 'lab', mac: '52:54:00:00:00:10'; cloudInit { networkConfig static: true } }" || "t.kvm:2:70: networkConfig static: true, but no NIC of vm 'web' has a static host reservation in the script's networks — add host 'web', mac: …, ip: … to the NIC's network and give the NIC that mac:"
        'static: false'                  | "vm 'web' { cloudInit { networkConfig static: false } }" || "t.kvm:1:24: networkConfig static: takes true — write networkConfig static: true, or leave it out for DHCP"
        'an unknown option'              | "vm 'web' { cloudInit { networkConfig statik: true } }" || "t.kvm:1:24: unknown networkConfig option 'statik' — did you mean 'static'?"
    }

    def 'the settings merge over userData: scalars replaced, lists extended after its own'() {
        given:
        def c = load("""vm 'a' { cloudInit {
    userData '''#cloud-config
hostname: old
packages: [git]
ssh_pwauth: false
'''
    hostname 'new'
    packages 'nginx'
} }""").vms()[0].cloudInit()

        when:
        def files = CloudConfig.render(c)
        def doc = CloudConfig.parseMapping(files.userData())

        then:
        files.userData().startsWith('#cloud-config\n')
        doc.hostname == 'new'
        doc.packages == ['git', 'nginx']
        doc.ssh_pwauth == false
        CloudConfig.parseMapping(files.metaData()) == ['instance-id': files.instanceId(), 'local-hostname': 'new']
    }

    def ':save writes cloudInit and image so that loading gives the same model'() {
        given:
        def original = load("""vm 'web' {
    image '/srv/base.qcow2'
    disk size: '20G'
    cloudInit {
        hostname 'www'
        user 'admin', sshKey: '$KEY', sudo: true, password: 'pw'
        user 'ops', sudo: 'ALL=(ALL) ALL'
        packages 'nginx'
        runcmd 'echo "here"'
        writeFile '/etc/motd', 'a\\nb\\n'
        timezone 'UTC'
        userData '#cloud-config\\nssh_pwauth: false\\n'
        networkConfig 'version: 2\\nethernets:\\n  eth0:\\n    dhcp4: true\\n'
    }
}""")

        when:
        def text = ScriptWriter.write(original)
        def again = load(text)

        then:
        again.vms()[0].disks()*.backing() == ['/srv/base.qcow2']
        again.vms()[0].cloudInit().users()*.name() == ['admin', 'ops']
        CloudConfig.render(again.vms()[0].cloudInit()) == CloudConfig.render(original.vms()[0].cloudInit())
        ScriptWriter.write(again) == text
    }
}
