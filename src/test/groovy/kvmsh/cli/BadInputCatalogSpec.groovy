package kvmsh.cli

import java.nio.file.Files
import java.nio.file.Path

/**
 * The catalog of bad inputs: scripts a careless or hostile user might write, each run with
 * {@code kvmsh -c test:///default run}. Every one must be rejected before anything runs (exit 3)
 * with its exact located message (one line each, with a fix), and leave the host as it was.
 * {@code DIR} stands for a directory holding {@code bad.kvm}, a file {@code disk.img} and a
 * directory {@code adir}.
 *
 * <p>test:///default keeps its state while a connection to it is open in the process, so the spec
 * holds one to compare the host before and after.
 */
class BadInputCatalogSpec extends TestDriverFixture {

    def setup() {
        Files.createDirectory(dir.resolve('adir'))
        Files.writeString(dir.resolve('disk.img'), '')
    }

    /** Everything of the host a run could change: networks, domains, pools and volumes, with their XML and state. */
    Map host() {
        def networks = (keepAlive.listNetworks() + keepAlive.listDefinedNetworks()).collectEntries {
            def n = keepAlive.networkLookupByName(it)
            [it, [n.isActive(), n.getXMLDesc(0)]]
        }
        def domains = (keepAlive.listDefinedDomains() + keepAlive.listDomains().collect { keepAlive.domainLookupByID(it).name })
                .collectEntries { [it, keepAlive.domainLookupByName(it).getXMLDesc(0)] }
        def pools = (keepAlive.listStoragePools() + keepAlive.listDefinedStoragePools()).collectEntries {
            def p = keepAlive.storagePoolLookupByName(it)
            [it, [p.getXMLDesc(0), p.isActive() ? (p.listVolumes() as List).sort() : []]]
        }
        [networks: networks, domains: domains, pools: pools]
    }

    def 'rejects #name before anything changes, with its located message'() {
        given:
        Path file = dir.resolve('bad.kvm')
        Files.writeString(file, source.replace('DIR', dir.toString()) + '\n')
        def before = host()

        when:
        def r = kvmsh('run', file.toString())
        def lines = r.err.replace(dir.toString(), 'DIR').readLines()

        then:
        r.code == 3
        lines.init() == expected
        lines.last() == expected.size() + (expected.size() == 1 ? ' error' : ' errors') + '; nothing was changed.'
        !r.out.contains('+ ')
        host() == before

        where:
        name | source | expected
        'leases-unserved' | 'vm \'w\' { memory 64; nic network: \'default\' }\nwaitForLease \'w\'\nleases \'default\'' | ['DIR/bad.kvm:2:1: waitForLease cannot work on this host: this function is not supported by the connection driver: virNetworkGetDHCPLeases — remove the statement, or run the script on a host whose libvirt serves it (qemu:///system; -c sandbox to try one)', 'DIR/bad.kvm:3:1: leases cannot work on this host: this function is not supported by the connection driver: virNetworkGetDHCPLeases — remove the statement, or run the script on a host whose libvirt serves it (qemu:///system; -c sandbox to try one)']
        'vm-empty' | 'vm \'\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name is empty — give it a name, e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-space' | 'vm \' \' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \' \' is only whitespace — give it a name, e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-lead-space' | 'vm \' a\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \' a\' starts or ends with whitespace — write \'a\'']
        'vm-trail-space' | 'vm \'a \' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a \' starts or ends with whitespace — write \'a\'']
        'vm-slash' | 'vm \'a/b\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-newline' | 'vm \'a\\nb\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a\\nb\' contains a control character (\\n) — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-nul' | 'vm \'a\\u0000b\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a\\0b\' contains a control character (\\0) — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-tab' | 'vm \'a\\tb\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a\\tb\' contains a control character (\\t) — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-esc' | 'vm \'a\\u001bb\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a\\u001bb\' contains a control character (\\u001b) — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-del' | 'vm \'a\\u007fb\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'a\\u007fb\' contains a control character (\\u007f) — use letters, digits, \'-\', \'_\' or \'.\', e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'vm-long' | 'vm \'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\' { memory 128 }' | ['DIR/bad.kvm:1:1: vm name \'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\' is 300 bytes long; at most 240 fit in the file names libvirt keeps it in — use a shorter name']
        'vm-noblock-empty' | 'vm \'\'' | ['DIR/bad.kvm:1:1: vm name is empty — give it a name, e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'net-empty' | 'network \'\' { nat \'10.1.0.0/24\' }' | ['DIR/bad.kvm:1:1: network name is empty — give it a name, e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-slash' | 'network \'a/b\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-space' | 'network \' \' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \' \' is only whitespace — give it a name, e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-newline' | 'network \'a\\nb\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \'a\\nb\' contains a control character (\\n) — use letters, digits, \'-\', \'_\' or \'.\', e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-nul' | 'network \'a\\u0000b\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \'a\\0b\' contains a control character (\\0) — use letters, digits, \'-\', \'_\' or \'.\', e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-long' | 'network \'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…\' is 300 bytes long; at most 240 fit in the file names libvirt keeps it in — use a shorter name']
        'pool-empty' | 'pool \'\' { dir \'p\' }' | ['DIR/bad.kvm:1:1: pool name is empty — give it a name, e.g. pool \'images\' { dir \'/srv/images\' }']
        'pool-slash' | 'pool \'a/b\' { dir \'p\' }' | ['DIR/bad.kvm:1:1: pool name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. pool \'images\' { dir \'/srv/images\' }']
        'pool-newline' | 'pool \'a\\nb\' { dir \'p\' }' | ['DIR/bad.kvm:1:1: pool name \'a\\nb\' contains a control character (\\n) — use letters, digits, \'-\', \'_\' or \'.\', e.g. pool \'images\' { dir \'/srv/images\' }']
        'host-empty' | 'network \'n\' { nat \'10.1.0.0/24\'; host \'\', mac: \'52:54:00:00:00:10\', ip: \'10.1.0.5\' }' | ['DIR/bad.kvm:1:34: static host name is empty — give it a name, e.g. host \'web\', mac: \'52:54:00:00:00:01\', ip: \'10.0.0.10\'']
        'host-newline' | 'network \'n\' { nat \'10.1.0.0/24\'; host \'a\\nb\', mac: \'52:54:00:00:00:10\', ip: \'10.1.0.5\' }' | ['DIR/bad.kvm:1:34: static host name \'a\\nb\' contains a control character (\\n) — use letters, digits, \'-\', \'_\' or \'.\', e.g. host \'web\', mac: \'52:54:00:00:00:01\', ip: \'10.0.0.10\'']
        'ipv6-syntax' | 'network \'n\' { nat \'10.1.0.0/24\'; ipv6 \'fd00:1::g/64\' }' | ['DIR/bad.kvm:1:34: bad IPv6 subnet \'fd00:1::g/64\' — write an IPv6 subnet as address/prefix, e.g. \'fd00:10::/64\'']
        'ipv6-prefix' | 'network \'n\' { nat \'fd00:1::/56\' }' | ['DIR/bad.kvm:1:15: IPv6 subnet \'fd00:1::/56\' is a /56; guests form their addresses by SLAAC, which needs a /64 — use a /64, e.g. \'fd00:1::/64\'']
        'ipv6-overlap' | 'network \'n\' { nat \'10.1.0.0/24\'; ipv6 \'fd00:1::/64\' }\nnetwork \'m\' { nat \'fd00:1::/64\' }' | ['DIR/bad.kvm:2:15: IPv6 subnet fd00:1::/64 overlaps fd00:1::/64 of network \'n\' (DIR/bad.kvm:1:34) — pick an IPv6 subnet that does not overlap']
        'dhcp6-outside' | 'network \'n\' { nat \'fd00:1::/64\'; dhcp6 \'fd00:2::1\'..\'fd00:2::9\' }' | ['DIR/bad.kvm:1:34: DHCPv6 range fd00:2::1..fd00:2::9 is outside subnet fd00:1::/64 — use addresses from fd00:1::1 to fd00:1::ffff:ffff:ffff:ffff']
        'gateway6-in-range' | 'network \'n\' { nat \'fd00:1::/64\'; dhcp6 \'fd00:1::1\'..\'fd00:1::9\'; gateway6 \'fd00:1::1\' }' | ['DIR/bad.kvm:1:66: gateway6 fd00:1::1 is inside the DHCPv6 range fd00:1::1..fd00:1::9 — move the gateway or the range so they do not meet']
        'ip6-twice' | 'network \'n\' { nat \'fd00:1::/64\'; host \'a\', mac: \'52:54:00:00:00:10\', ip6: \'fd00:1::5\'; host \'b\', mac: \'52:54:00:00:00:11\', ip6: \'fd00:1::5\' }' | ['DIR/bad.kvm:1:88: address fd00:1::5 is reserved twice in this network — give each static host its own address']
        'forward-port-range' | 'network \'n\' { nat \'10.0.0.0/24\'; host \'w\', mac: \'52:54:00:00:00:05\', ip: \'10.0.0.5\'; forward 65536, to: \'w:22\' }' | ['DIR/bad.kvm:1:86: forward port must be from 1 to 65535, got 65536 — e.g. forward 2222, to: \'web:22\'']
        'forward-proto' | 'network \'n\' { nat \'10.0.0.0/24\'; host \'w\', mac: \'52:54:00:00:00:05\', ip: \'10.0.0.5\'; forward 22, to: \'w\', proto: \'icmp\' }' | ['DIR/bad.kvm:1:86: forward proto: is \'tcp\' or \'udp\', got \'icmp\' — e.g. forward 53, to: \'dns\', proto: \'udp\' (without proto: it is tcp)']
        'forward-twice' | 'network \'n\' { nat \'10.0.0.0/24\'; host \'w\', mac: \'52:54:00:00:00:05\', ip: \'10.0.0.5\'; forward 22, to: \'w\'; forward 22, to: \'w:23\' }' | ['DIR/bad.kvm:1:107: forward tcp 22 is declared twice on this host (first at 1:86): a host port reaches one guest — choose another host port for one of them']
        'forward-unknown-target' | 'network \'n\' { nat \'10.0.0.0/24\'; forward 22, to: \'w\' }' | ['DIR/bad.kvm:1:34: forward to \'w\': network \'n\' has no static host and the script no vm of that name — name a vm with a nic on \'n\' or a host of its block']
        'forward-routed' | 'network \'n\' { routed \'10.0.0.0/24\'; host \'w\', mac: \'52:54:00:00:00:05\', ip: \'10.0.0.5\'; forward 22, to: \'w\' }' | ['DIR/bad.kvm:1:89: forward needs a nat network, and network \'n\' is routed: a routed network\'s guests are reached at their own addresses, through the host\'s routes — remove the forward, or make the network nat']
        'dhcp6-twice' | 'network \'n\' { nat \'fd00:1::/64\'; dhcp6 \'fd00:1::1\'..\'fd00:1::9\'; dhcp6 \'fd00:1::1\'..\'fd00:1::9\' }' | ['DIR/bad.kvm:1:66: network setting \'dhcp6\' is declared twice (first at DIR/bad.kvm:1:34) — keep one dhcp6 line; a later one would silently replace the first']
        'volume-slash' | 'vm \'a\' { disk size: \'1G\', name: \'../x.qcow2\' }' | ['DIR/bad.kvm:1:10: volume name \'../x.qcow2\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. disk size: \'8G\', name: \'web-data.qcow2\'']
        'volume-empty' | 'vm \'a\' { disk size: \'1G\', name: \'\' }' | ['DIR/bad.kvm:1:10: volume name is empty — give it a name, e.g. disk size: \'8G\', name: \'web-data.qcow2\'']
        'snap-empty' | 'vm \'a\'\nsnapshot \'a\', name: \'\'' | ['DIR/bad.kvm:2:1: snapshot name is empty — give it a name, e.g. snapshot \'web\', name: \'s1\'']
        'snap-slash' | 'vm \'a\'\nsnapshot \'a\', name: \'a/b\'' | ['DIR/bad.kvm:2:1: snapshot name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. snapshot \'web\', name: \'s1\'']
        'start-empty' | 'start \'\'' | ['DIR/bad.kvm:1:1: vm name is empty — give it a name, e.g. start \'web\'']
        'mem-1000T' | 'vm \'a\' { memory \'1000T\' }' | ['DIR/bad.kvm:1:10: memory 1048576000 MiB is more than this host has (3072 MiB) — give the vm at most 3072 MiB, e.g. memory \'2G\'']
        'mem-huge-num' | 'vm \'a\' { memory 1000000000 }' | ['DIR/bad.kvm:1:10: memory 1000000000 MiB is more than this host has (3072 MiB) — give the vm at most 3072 MiB, e.g. memory \'2G\'']
        'mem-neg' | 'vm \'a\' { memory(-5) }' | ['DIR/bad.kvm:1:10: memory must be a positive whole number of MiB, got -5 — e.g. memory 512 or memory \'2G\'']
        'mem-zero' | 'vm \'a\' { memory 0 }' | ['DIR/bad.kvm:1:10: memory must be a positive whole number of MiB, got 0 — e.g. memory 512 or memory \'2G\'']
        'mem-frac' | 'vm \'a\' { memory 1.5 }' | ['DIR/bad.kvm:1:10: memory must be a positive whole number of MiB, got 1.5 — e.g. memory 512 or memory \'2G\'']
        'mem-bad-unit' | 'vm \'a\' { memory \'2X\' }' | ['DIR/bad.kvm:1:10: memory expects a number of MiB or a size like \'2G\', got \'2X\' — e.g. memory 512 or memory \'2G\'']
        'mem-K' | 'vm \'a\' { memory \'1000K\' }' | ['DIR/bad.kvm:1:10: memory expects a number of MiB or a size like \'2G\', got \'1000K\' — e.g. memory 512 or memory \'2G\'']
        'cpus-100000' | 'vm \'a\' { cpus 100000 }' | ['DIR/bad.kvm:1:10: cpus 100000 is more than this host allows for a \'kvm\' vm (32) — use cpus 32 or fewer']
        'cpus-zero' | 'vm \'a\' { cpus 0 }' | ['DIR/bad.kvm:1:10: cpus must be positive, got 0 — e.g. cpus 1']
        'cpus-neg' | 'vm \'a\' { cpus(-1) }' | ['DIR/bad.kvm:1:10: cpus must be positive, got -1 — e.g. cpus 1']
        'cpus-str' | 'vm \'a\' { cpus \'two\' }' | ['DIR/bad.kvm:1:10: cpus expects a positive whole number — e.g. cpus 2']
        'cpus-frac' | 'vm \'a\' { cpus 1.5 }' | ['DIR/bad.kvm:1:10: cpus expects a positive whole number — e.g. cpus 2']
        'cpus-long' | 'vm \'a\' { cpus 10000000000 }' | ['DIR/bad.kvm:1:10: cpus expects a positive whole number — e.g. cpus 2']
        'nics-300' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { (1..300).each { nic network: \'n\' } }' | ['DIR/bad.kvm:2:26: vm \'a\' has 300 NICs; kvmsh allows 64 per VM — check the loop that adds them']
        'disk-size-zero' | 'vm \'a\' { disk size: \'0G\' }' | ['DIR/bad.kvm:1:10: disk size expects a size like \'8G\', got \'0G\' — e.g. disk size: \'8G\'']
        'shutdown-timeout-huge' | 'vm \'a\'\nshutdown \'a\', timeout: 99999999999' | ['DIR/bad.kvm:2:1: shutdown timeout: 99999999999 is more than kvmsh allows (86400, a day in seconds) — e.g. timeout: 30']
        'stats-samples-huge' | 'vm \'a\'\nstats \'a\', samples: 100000000, interval: 0' | ['DIR/bad.kvm:2:1: stats samples: 100000000 is more than kvmsh allows (86400, a day in seconds) — e.g. samples: 30']
        'sleep-neg' | 'sleep(-1)' | ['DIR/bad.kvm:1:1: sleep -1 is negative — e.g. sleep 5000 (milliseconds)']
        'watch-seconds-neg' | 'vm \'a\'\nwatch \'a\', seconds: -1' | ['DIR/bad.kvm:2:1: watch seconds: expects a whole number, got \'-1\' — e.g. seconds: 30']
        'dhcp-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\'; dhcp \'10.1.0.30\'..\'10.1.0.40\' }' | ['DIR/bad.kvm:1:65: network setting \'dhcp\' is declared twice (first at DIR/bad.kvm:1:34) — keep one dhcp line; a later one would silently replace the first']
        'mem-twice' | 'vm \'a\' { memory 128; memory 256 }' | ['DIR/bad.kvm:1:22: vm setting \'memory\' is declared twice (first at DIR/bad.kvm:1:10) — keep one memory line; a later one would silently replace the first']
        'project-twice' | 'project \'a\'\nproject \'b\'' | ['DIR/bad.kvm:2:1: project is declared twice (first at DIR/bad.kvm:1:1) — keep one project line; a later one would silently replace the first']
        'project-slash' | 'project \'a/b\'' | ['DIR/bad.kvm:1:1: project name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. project \'shop-site\'']
        'was-self' | 'vm \'a\' { was \'a\' }' | ['DIR/bad.kvm:1:10: was names the VM\'s own name \'a\' — name the VM\'s previous name, or remove was']
        'disk-protect-string' | 'vm \'a\' { disk size: \'8M\', protect: \'yes\' }' | ['DIR/bad.kvm:1:10: disk protect: must be true or false — e.g. disk size: \'8G\', protect: true']
        'cpus-twice' | 'vm \'a\' { cpus 1; cpus 2 }' | ['DIR/bad.kvm:1:18: vm setting \'cpus\' is declared twice (first at DIR/bad.kvm:1:10) — keep one cpus line; a later one would silently replace the first']
        'gateway-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; gateway \'10.1.0.1\'; gateway \'10.1.0.2\' }' | ['DIR/bad.kvm:1:54: network setting \'gateway\' is declared twice (first at DIR/bad.kvm:1:34) — keep one gateway line; a later one would silently replace the first']
        'device-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; device \'x1\'; device \'x2\' }' | ['DIR/bad.kvm:1:47: network setting \'device\' is declared twice (first at DIR/bad.kvm:1:34) — keep one device line; a later one would silently replace the first']
        'accel-twice' | 'vm \'a\' { accel \'kvm\'; accel \'tcg\' }' | ['DIR/bad.kvm:1:23: vm setting \'accel\' is declared twice (first at DIR/bad.kvm:1:10) — keep one accel line; a later one would silently replace the first']
        'state-twice' | 'vm \'a\' { state \'running\'; state \'stopped\' }' | ['DIR/bad.kvm:1:27: vm setting \'state\' is declared twice (first at DIR/bad.kvm:1:10) — keep one state line; a later one would silently replace the first']
        'autostart-twice' | 'vm \'a\' { autostart true; autostart false }' | ['DIR/bad.kvm:1:26: vm setting \'autostart\' is declared twice (first at DIR/bad.kvm:1:10) — keep one autostart line; a later one would silently replace the first']
        'serial-twice' | 'vm \'a\' { serial \'a.log\'; serial \'b.log\' }' | ['DIR/bad.kvm:1:26: vm setting \'serial\' is declared twice (first at DIR/bad.kvm:1:10) — keep one serial line; a later one would silently replace the first']
        'kernel-twice' | 'vm \'a\' { kernel \'disk.img\'; kernel \'disk.img\' }' | ['DIR/bad.kvm:1:29: vm setting \'kernel\' is declared twice (first at DIR/bad.kvm:1:10) — keep one kernel line; a later one would silently replace the first']
        'boot-twice' | 'vm \'a\' { boot \'hd\'; boot \'network\' }' | ['DIR/bad.kvm:1:21: vm setting \'boot\' is declared twice (first at DIR/bad.kvm:1:10) — keep one boot line; a later one would silently replace the first']
        'graphics-twice' | 'vm \'a\' { graphics \'vnc\'; graphics \'spice\' }' | ['DIR/bad.kvm:1:26: vm setting \'graphics\' is declared twice (first at DIR/bad.kvm:1:10) — keep one graphics line; a later one would silently replace the first']
        'os-twice' | 'vm \'a\' { os \'debian11\'; os \'debian12\' }' | ['DIR/bad.kvm:1:25: vm setting \'os\' is declared twice (first at DIR/bad.kvm:1:10) — keep one os line; a later one would silently replace the first']
        'stp-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; stp true; stp false }' | ['DIR/bad.kvm:1:44: network setting \'stp\' is declared twice (first at DIR/bad.kvm:1:34) — keep one stp line; a later one would silently replace the first']
        'driver-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; driver \'libvirt\'; driver \'host\' }' | ['DIR/bad.kvm:1:52: network setting \'driver\' is declared twice (first at DIR/bad.kvm:1:34) — keep one driver line; a later one would silently replace the first']
        'pxe-twice' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\'; pxe root: \'.\', file: \'a\'; pxe root: \'.\', file: \'b\' }' | ['DIR/bad.kvm:1:65: boot file a is not in DIR — put it there (Debian: pxelinux.0 from the pxelinux package), or name another file:', 'DIR/bad.kvm:1:91: network setting \'pxe\' is declared twice (first at DIR/bad.kvm:1:65) — keep one pxe line; a later one would silently replace the first']
        'dir-twice' | 'pool \'p\' { dir \'p\'; dir \'q\' }' | ['DIR/bad.kvm:1:21: pool setting \'dir\' is declared twice (first at DIR/bad.kvm:1:12) — keep one dir line; a later one would silently replace the first']
        'pool-autostart-twice' | 'pool \'p\' { dir \'p\'; autostart true; autostart false }' | ['DIR/bad.kvm:1:37: pool setting \'autostart\' is declared twice (first at DIR/bad.kvm:1:21) — keep one autostart line; a later one would silently replace the first']
        'cmdline-twice' | 'vm \'a\' { kernel \'disk.img\'; cmdline \'a\'; cmdline \'b\' }' | ['DIR/bad.kvm:1:42: vm setting \'cmdline\' is declared twice (first at DIR/bad.kvm:1:29) — keep one cmdline line; a later one would silently replace the first']
        'guest-twice' | 'vm \'a\' { guest(); guest() }' | ['DIR/bad.kvm:1:19: vm setting \'guest\' is declared twice (first at DIR/bad.kvm:1:10) — keep one guest line; a later one would silently replace the first']
        'boot-dup-dev' | 'vm \'a\' { boot \'hd\', \'hd\' }' | ['DIR/bad.kvm:1:10: boot device \'hd\' is listed twice — name each device once, e.g. boot \'network\', \'hd\'']
        'disk-dir' | 'vm \'a\' { disk \'adir\' }' | ['DIR/bad.kvm:1:10: disk image DIR/adir is a directory — name a file or a block device instead']
        'cdrom-dir' | 'vm \'a\' { cdrom \'adir\' }' | ['DIR/bad.kvm:1:10: ISO image DIR/adir is a directory — name a file or a block device instead']
        'serial-dir' | 'vm \'a\' { serial \'adir\' }' | ['DIR/bad.kvm:1:10: serial log DIR/adir is a directory — name a file or a character device instead']
        'kernel-dir' | 'vm \'a\' { kernel \'adir\' }' | ['DIR/bad.kvm:1:10: kernel DIR/adir is a directory — name a file instead']
        'initrd-dir' | 'vm \'a\' { kernel \'disk.img\'; initrd \'adir\' }' | ['DIR/bad.kvm:1:29: initrd DIR/adir is a directory — name a file instead']
        'backing-dir' | 'vm \'a\' { disk backing: \'adir\' }' | ['DIR/bad.kvm:1:10: backing image DIR/adir is a directory — name a file or a block device instead']
        'disk-missing' | 'vm \'a\' { disk \'nope.img\' }' | ['DIR/bad.kvm:1:10: disk image DIR/nope.img does not exist — check the path (relative paths are relative to the script\'s directory)']
        'serial-nodir' | 'vm \'a\' { serial \'nope/a.log\' }' | ['DIR/bad.kvm:1:10: directory DIR/nope for the serial log does not exist — create it or log somewhere else']
        'disk-dev-null' | 'vm \'a\' { disk \'/dev/null\' }' | ['DIR/bad.kvm:1:10: disk image /dev/null is a character device — name a file or a block device instead']
        'pool-dir-file' | 'pool \'p\' { dir \'disk.img\' }' | ['DIR/bad.kvm:1:12: pool directory DIR/disk.img exists and is not a directory — name a directory (kvmsh creates a missing one)']
        'pxe-root-file' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\'; pxe root: \'disk.img\', file: \'x\' }' | ['DIR/bad.kvm:1:65: boot file x is not in DIR/disk.img — put it there (Debian: pxelinux.0 from the pxelinux package), or name another file:']
        'disk-empty-path' | 'vm \'a\' { disk \'\' }' | ['DIR/bad.kvm:1:10: disk image DIR is a directory — name a file or a block device instead']
        'cdrom-empty-path' | 'vm \'a\' { cdrom \'\' }' | ['DIR/bad.kvm:1:10: ISO image DIR is a directory — name a file or a block device instead']
        'start-ghost' | 'start \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'shutdown-ghost' | 'shutdown \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'info-ghost' | 'info \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'snapshot-ghost' | 'snapshot \'ghost\', name: \'s\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'watch-exploded' | 'vm \'a\'\nwatch \'a\', until: \'exploded\'' | ['DIR/bad.kvm:2:1: watch until: \'exploded\' is no lifecycle event — expected one of: defined, undefined, started, suspended, resumed, stopped, shutdown, pmsuspended, crashed']
        'nic-model-bad' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\', model: \'e1000;x\' }' | ['DIR/bad.kvm:2:10: unknown nic model \'e1000;x\' — did you mean \'e1000\'?']
        'nic-model-unknown' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\', model: \'foo\' }' | ['DIR/bad.kvm:2:10: unknown nic model \'foo\' — expected one of: virtio, virtio-transitional, virtio-non-transitional, e1000, e1000e, igb, rtl8139, ne2k_pci, pcnet, i82551, i82557b, i82559er, vmxnet3, usb-net']
        'migrate-one-host' | 'vm \'a\'\nmigrate \'a\', to: \'b\'' | ['DIR/bad.kvm:2:1: migrate moves VMs between hypervisors, and this script declares none — declare the hosts (hypervisor \'a\', uri: \'qemu+ssh://root@a/system\', and one for \'b\') and place each vm with on']
        'leases-ghost' | 'leases \'ghost\'' | ['DIR/bad.kvm:1:1: unknown network \'ghost\' — declare it with network \'ghost\' { … }']
        'attach-ghost-net' | 'vm \'a\'\nattach \'a\', nic: 0, to: \'ghostnet\'' | ['DIR/bad.kvm:2:1: unknown network \'ghostnet\' — declare it with network \'ghostnet\' { … }', 'DIR/bad.kvm:2:1: vm \'a\' has no NIC 0 (it declares 0 NICs, counted from 0) — add a nic to the vm first']
        'attach-nic-neg' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\' }\nattach \'a\', nic: 5, to: \'n\'' | ['DIR/bad.kvm:3:1: vm \'a\' has no NIC 5 (it declares 1 NIC, counted from 0) — use nic: 0, or mac:']
        'revert-ghost' | 'revert \'ghost\', name: \'s\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'autostart-ghost' | 'autostart \'ghost\', true' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'hook-on-bad' | 'hook \'n\', on: \'sideways\'' | ['DIR/bad.kvm:1:1: hook on: must be \'up\' or \'down\', not \'sideways\' — leave it out to serve both calls from this one file']
        'disk-bus-bad' | 'vm \'a\' { disk size: \'1G\', bus: \'floppy\' }' | ['DIR/bad.kvm:1:10: unknown bus \'floppy\' — use one of: ide, sata, scsi, usb, virtio']
        'disk-format-bad' | 'vm \'a\' { disk \'disk.img\', format: \'zip\' }' | ['DIR/bad.kvm:1:10: unknown disk format \'zip\' — expected one of: raw, qcow2, qcow, qed, vmdk, vdi, vpc, vhdx, luks, bochs, cloop, dmg, iso']
        'graphics-bad' | 'vm \'a\' { graphics \'rdp\' }' | ['DIR/bad.kvm:1:10: unknown graphics \'rdp\' — use graphics \'vnc\' or graphics \'spice\'']
        'state-bad' | 'vm \'a\' { state \'paused\' }' | ['DIR/bad.kvm:1:10: unknown state \'paused\' — use \'running\', \'stopped\' or \'any\'']
        'accel-bad' | 'vm \'a\' { accel \'xen\' }' | ['DIR/bad.kvm:1:10: unknown accel \'xen\' — use accel \'kvm\' or accel \'tcg\'']
        'cust-remove-nothing' | 'vm \'a\' { customize { remove \'/domain/nosuch\' } }' | ['DIR/bad.kvm:1:22: customize remove \'/domain/nosuch\' selects nothing to remove — check the XPath against the domain XML kvmsh generates']
        'cust-set-name' | 'vm \'a\' { customize { set \'/domain/name\', \'other\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/name\' edits the domain\'s name, which kvmsh manages — rename the vm in its declaration instead']
        'cust-set-uuid' | 'vm \'a\' { customize { set \'/domain/uuid\', \'11111111-2222-3333-4444-555555555555\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/uuid\' edits the domain\'s uuid, which kvmsh manages — leave it to kvmsh (edit other elements)']
        'cust-remove-metadata' | 'vm \'a\' { customize { remove \'/domain/metadata\' } }' | ['DIR/bad.kvm:1:22: customize remove \'/domain/metadata\' selects nothing to remove — check the XPath against the domain XML kvmsh generates']
        'cust-append-nothing' | 'vm \'a\' { customize { append \'/domain/nosuch\', \'<x/>\' } }' | ['DIR/bad.kvm:1:22: customize append \'/domain/nosuch\' selects no element to append to — check the XPath against the domain XML kvmsh generates']
        'cust-bad-xpath' | 'vm \'a\' { customize { remove \'/domain/[\' } }' | ['DIR/bad.kvm:1:22: \'/domain/[\' is not a valid XPath — write it like \'/domain/devices/disk[1]/target/@bus\'']
        'cust-set-complex-nothing' | 'vm \'a\' { customize { set \'/domain/devices/disk[5]/@type\', \'x\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/devices/disk[5]/@type\' selects nothing: there is no disk[5] to create it in — check the XPath against the domain XML kvmsh generates']
        'cust-remove-root' | 'vm \'a\' { customize { remove \'/domain\' } }' | ['DIR/bad.kvm:1:22: customize remove \'/domain\' removes the whole domain — remove elements inside it, or the vm declaration itself']
        'cust-set-metadata-owner' | 'vm \'a\' { customize { set \'/domain/metadata/*/@script\', \'x\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/metadata/*/@script\' selects nothing (only simple paths like /domain/a/b/@c or /domain/devices/disk[2]/@c are created) — check the XPath against the domain XML kvmsh generates']
        'syn-unfinished-range' | 'network \'n\' {\n  nat \'10.1.0.0/24\'\n  dhcp \'10.1.0.10\'..\n}' | ['DIR/bad.kvm:3:19: the range \'..\' at 3:19 has no end — write both ends, e.g. dhcp \'10.0.0.1\'..\'10.0.0.100\'']
        'syn-missing-brace' | 'network \'n\' {\n  nat \'10.1.0.0/24\'\n' | ['DIR/bad.kvm:4:1: missing \'}\' for the \'{\' at 1:13 — add \'}\' where the block ends']
        'syn-extra-brace' | 'vm \'a\' { memory 128 }\n}' | ['DIR/bad.kvm:2:1: \'}\' at 2:1 closes nothing — remove it, or add the \'{\' it belongs to']
        'syn-unclosed-string' | 'vm \'a\' { memory \'128 }' | ['DIR/bad.kvm:1:17: the text starting with \' at 1:17 is not closed on its line — add the closing \'']
        'syn-unclosed-paren' | 'vm(\'a\' { memory 128 }' | ['DIR/bad.kvm:2:1: missing \')\' for the \'(\' at 1:3 — add \')\' where it ends']
        'syn-keyword-as-name' | 'vm class { }' | ['DIR/bad.kvm:1:10: kvmsh cannot read the script from \'{\' on — check this line for a missing quote, comma, bracket or operator']
        'rt-npe' | 'def x = null\nx.memory()' | ['DIR/bad.kvm:2:1: memory() is called on null, a value that is not set — check that what comes before .memory() has a value']
        'rt-args5' | 'vm args[5] { memory 128 }' | ['DIR/bad.kvm:1:1: vm name is missing (the value given is null) — give it a name, e.g. vm \'web\' { memory 512; nic network: \'lan\' }']
        'rt-ambiguous' | 'vm null { memory 128 }' | ['DIR/bad.kvm:1:1: \'call\' is read from null, a value that is not set — check that what comes before .call has a value']
        'rt-stackoverflow' | 'def f() { f() }\nf()' | ['DIR/bad.kvm:1:11: the script calls itself without end (stack overflow) — check the function that calls itself for a way to stop']
        'rt-throw' | 'throw new RuntimeException(\'x\')' | ['DIR/bad.kvm:1:1: RuntimeException: x']
        'rt-nested-null' | 'vm \'a\' { nic null }' | ['DIR/bad.kvm:1:10: nic got null where a value goes — e.g. nic network: \'lan\'']
        'exit0' | 'System.exit(0)' | ['DIR/bad.kvm:1:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'exit1' | 'System.exit(1)' | ['DIR/bad.kvm:1:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'runtime-halt' | 'Runtime.runtime.halt(0)' | ['DIR/bad.kvm:1:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'runtime-exit' | 'Runtime.getRuntime().exit(0)' | ['DIR/bad.kvm:1:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'nic-none' | 'vm \'a\' { nic() }' | ['DIR/bad.kvm:1:10: nic expects network:, bridge: or tap: (plus mac:, model:) — e.g. nic network: \'lan\'']
        'nic-mac-bad' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\', mac: \'zz\' }' | ['DIR/bad.kvm:2:10: malformed MAC address \'zz\' — use six hex pairs with an even first octet, e.g. \'52:54:00:12:34:56\'']
        'nic-mac-multicast' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\', mac: \'01:00:00:00:00:01\' }' | ['DIR/bad.kvm:2:10: MAC address \'01:00:00:00:00:01\' is multicast (first octet is odd) — use six hex pairs with an even first octet, e.g. \'52:54:00:12:34:56\'']
        'tap-long' | 'vm \'a\' { nic tap: \'abcdefghijklmnopqrstuvwxyz\' }' | ['DIR/bad.kvm:1:10: tap name \'abcdefghijklmnopqrstuvwxyz\' is 26 characters; the kernel allows 15 ("Numerical result out of range") — use a shorter tap name']
        'nic-unknown-net' | 'vm \'a\' { nic network: \'nosuch\' }' | ['DIR/bad.kvm:1:10: unknown network \'nosuch\' — declare it with network \'nosuch\' { … }']
        'unknown-setting' | 'vm \'a\' { memroy 128 }' | ['DIR/bad.kvm:1:10: unknown vm setting \'memroy\' — did you mean \'memory\'?']
        'dhcp-reversed' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.20\'..\'10.1.0.10\' }' | ['DIR/bad.kvm:1:34: DHCP range 10.1.0.20..10.1.0.10 is reversed — write \'10.1.0.10\'..\'10.1.0.20\'']
        'cidr-bad' | 'network \'n\' { nat \'10.1.0.0/33\' }' | ['DIR/bad.kvm:1:15: bad subnet \'10.1.0.0/33\' — write an IPv4 subnet as address/prefix, e.g. \'10.0.0.0/24\'']
        'vm-twice' | 'vm \'a\'\nvm \'a\'' | ['DIR/bad.kvm:2:1: vm \'a\' is declared twice (first at DIR/bad.kvm:1:1) — rename or remove one of them']
        'net-default' | 'network \'default\' { nat \'10.1.0.0/24\' }' | ['DIR/bad.kvm:1:1: network \'default\' already exists on test:///default and kvmsh does not manage it — add adopt true to its block (or run with --adopt) to take it over, choose another name, or remove it first']
        'boot-bad' | 'vm \'a\' { boot \'floppy\' }' | ['DIR/bad.kvm:1:10: unknown boot device \'floppy\' — expected one of: cdrom, hd, network']
        'hook-no-net' | 'hook \'ghost\'' | ['DIR/bad.kvm:1:1: hook joins network \'ghost\', which this script does not declare — add network \'ghost\' { … } to this file']
        'net-tab' | 'network \'a\\tb\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \'a\\tb\' contains a control character (\\t) — use letters, digits, \'-\', \'_\' or \'.\', e.g. network \'lan\' { nat \'10.0.0.0/24\' }']
        'net-lead-space' | 'network \' a\' { nat \'10.1.0.0/24\'; device \'ab\' }' | ['DIR/bad.kvm:1:1: network name \' a\' starts or ends with whitespace — write \'a\'']
        'pool-space' | 'pool \' \' { dir \'p\' }' | ['DIR/bad.kvm:1:1: pool name \' \' is only whitespace — give it a name, e.g. pool \'images\' { dir \'/srv/images\' }']
        'pool-long' | 'pool \'pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp\' { dir \'p\' }' | ['DIR/bad.kvm:1:1: pool name \'pppppppppppppppppppppppppppppppppppppppp…\' is 250 bytes long; at most 240 fit in the file names libvirt keeps it in — use a shorter name']
        'detach-empty' | 'detach \'\'' | ['DIR/bad.kvm:1:1: tap name is empty — give it a name, e.g. detach \'vnet1\'']
        'leases-newline' | 'leases \'a\\nb\'' | ['DIR/bad.kvm:1:1: network name \'a\\nb\' contains a control character (\\n) — use letters, digits, \'-\', \'_\' or \'.\', e.g. leases \'lan\'']
        'hook-empty' | 'hook \'\'' | ['DIR/bad.kvm:1:1: network name is empty — give it a name, e.g. hook \'isolationbr\'']
        'watch-ghost' | 'watch \'ghost\', seconds: 5' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'stats-ghost' | 'stats \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'reboot-ghost' | 'reboot \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'undefine-ghost' | 'undefine \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'destroy-ghost' | 'destroy \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'suspend-ghost' | 'suspend \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'resume-ghost' | 'resume \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'snapshots-ghost' | 'snapshots \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'waitforssh-ghost' | 'waitForSsh \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'ssh-no-user' | 'vm \'w\' { memory 64 }\nssh \'w\', \'uptime\'' | ['DIR/bad.kvm:2:1: ssh \'w\': vm w has no cloud-init user to log in as — add user: \'NAME\' here, or a user to its cloudInit block (user \'admin\', sshKey: \'~/.ssh/id_ed25519.pub\')']
        'waitforssh-timeout' | 'vm \'w\' { memory 64 }\nwaitForSsh \'w\', user: \'admin\', timeout: \'5 min\'' | ['DIR/bad.kvm:2:1: waitForSsh timeout: \'5 min\' is not a length of time from 1 s to a day — e.g. timeout: \'5m\' (give seconds or a string like \'90s\', \'5m\' or \'1h30m\')']
        'waitforssh-option' | 'vm \'w\' { memory 64 }\nwaitForSsh \'w\', usr: \'admin\'' | ['DIR/bad.kvm:2:1: unknown waitForSsh option \'usr\' — did you mean \'user\'?']
        'ssh-bad-user' | 'vm \'w\' { memory 64 }\nssh \'w\', \'uptime\', user: \'Root Admin\'' | ['DIR/bad.kvm:2:1: ssh user: \'Root Admin\' is not a valid user name — use lower-case letters, digits, \'_\' and \'-\', starting with a letter, e.g. user: \'admin\'']
        'ssh-empty-command' | 'vm \'w\' { memory 64 }\nssh \'w\', \' \', user: \'admin\'' | ['DIR/bad.kvm:2:1: ssh: the command must be one non-empty line — give one shell line; join several with \' && \' (or use runcmd in cloudInit for first-boot work)']
        'ssh-no-command' | 'vm \'w\' { memory 64 }\nssh \'w\'' | ['DIR/bad.kvm:2:1: ssh \'w\' needs the command to run there — e.g. ssh \'w\', \'uptime\'; for a login shell, run kvmsh ssh w from your shell']
        'waitforlease-ghost' | 'waitForLease \'ghost\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'deletesnap-ghost' | 'deleteSnapshot \'ghost\', name: \'s\'' | ['DIR/bad.kvm:1:1: unknown vm \'ghost\': the script does not declare it and the host has none of that name — declare it with vm \'ghost\' { … }, or name a vm on the host']
        'start-typo' | 'vm \'web\'\nstart \'wbe\'' | ['DIR/bad.kvm:2:1: unknown vm \'wbe\': the script does not declare it and the host has none of that name — did you mean \'web\'?']
        'watch-until-typo' | 'vm \'a\'\nwatch \'a\', until: \'stoped\'' | ['DIR/bad.kvm:2:1: watch until: \'stoped\' is no lifecycle event — did you mean \'stopped\'?']
        'nic-model-typo' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { nic network: \'n\', model: \'virtoi\' }' | ['DIR/bad.kvm:2:10: unknown nic model \'virtoi\' — did you mean \'virtio\'?']
        'backing-format-bad' | 'vm \'a\' { disk backing: \'disk.img\', backingFormat: \'zip\' }' | ['DIR/bad.kvm:1:10: unknown backingFormat \'zip\' — expected one of: raw, qcow2, qcow, qed, vmdk, vdi, vpc, vhdx, luks, bochs, cloop, dmg, iso']
        'cust-append-name' | 'vm \'a\' { customize { append \'/domain\', \'<name>other</name>\' } }' | ['DIR/bad.kvm:1:22: customize append \'/domain\' edits the domain\'s name, which kvmsh manages — rename the vm in its declaration instead']
        'cust-set-name-text' | 'vm \'a\' { customize { set \'/domain/name/text()\', \'x\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/name/text()\' edits the domain\'s name, which kvmsh manages — rename the vm in its declaration instead']
        'cust-remove-uuid' | 'vm \'a\' { customize { set \'/domain/uuid\', \'x\'; remove \'/domain/uuid\' } }' | ['DIR/bad.kvm:1:22: customize set \'/domain/uuid\' edits the domain\'s uuid, which kvmsh manages — leave it to kvmsh (edit other elements)']
        'syn-unfinished-plus' | 'vm \'a\' {\n  memory 128 +\n}' | ['DIR/bad.kvm:2:14: nothing follows \'+\' at 2:14 — finish the expression, or remove the \'+\'']
        'syn-unclosed-triple' | 'vm \'a\' { cmdline \'\'\'abc }' | ['DIR/bad.kvm:1:18: the text starting with \'\'\' at 1:18 is never closed — add the closing \'\'\'']
        'syn-unclosed-comment' | 'vm \'a\' { memory 128 }\n/* note' | ['DIR/bad.kvm:2:1: the comment starting with /* at 2:1 is never closed — add */ where it ends']
        'syn-mismatch' | 'vm \'a\' { memory(128 }' | ['DIR/bad.kvm:1:21: missing \')\' for the \'(\' at 1:16 — add it before this \'}\'']
        'syn-extra-paren' | 'vm \'a\' { memory 128 })' | ['DIR/bad.kvm:1:22: \')\' at 1:22 closes nothing — remove it, or add the \'(\' it belongs to']
        'syn-unclosed-bracket' | 'def l = [1, 2\nvm \'a\'' | ['DIR/bad.kvm:3:1: missing \']\' for the \'[\' at 1:9 — add \']\' where it ends']
        'exit-static-import' | 'import static java.lang.System.exit\nexit(0)' | ['DIR/bad.kvm:2:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'exit-pointer' | 'def e = System.&exit\ne(0)' | ['DIR/bad.kvm:1:9: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'exit-runtime-prop' | 'Runtime.runtime.halt(0)' | ['DIR/bad.kvm:1:1: a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, applied or undone — stop the script with throw new Exception(\'why\') or assert, which kvmsh reports']
        'rt-missing-method' | 'def x = 5\nx.explode()' | ['DIR/bad.kvm:2:1: an Integer has no method explode() for these arguments — check the name and the arguments']
        'rt-missing-prop' | 'def s = \'a\'\nvm s.nosuch' | ['DIR/bad.kvm:2:1: a String has no property \'nosuch\' — check the name']
        'rt-shutdown-null' | 'shutdown null' | ['DIR/bad.kvm:1:1: vm name is missing (the value given is null) — give it a name, e.g. shutdown \'web\', timeout: 30']
        'rt-cast' | 'int n = \'abc\'' | ['DIR/bad.kvm:1:1: \'abc\' (String) cannot be used as int — give a value of the right kind']
        'memory-twice-loop' | 'vm \'a\' { (1..2).each { memory 128 } }' | ['DIR/bad.kvm:1:24: vm setting \'memory\' is given again each time this line runs — set it once, outside the loop']
        'mem-null' | 'vm \'a\' { memory null }' | ['DIR/bad.kvm:1:10: memory got null where a value goes — e.g. memory 512']
        'cpus-twice-net' | 'network \'n\' { nat \'10.1.0.0/24\'; autostart true; autostart false }' | ['DIR/bad.kvm:1:50: network setting \'autostart\' is declared twice (first at DIR/bad.kvm:1:34) — keep one autostart line; a later one would silently replace the first']
        'host-slash' | 'network \'n\' { nat \'10.1.0.0/24\'; host \'a/b\', mac: \'52:54:00:00:00:10\', ip: \'10.1.0.5\' }' | ['DIR/bad.kvm:1:34: static host name \'a/b\' contains \'/\' — use letters, digits, \'-\', \'_\' or \'.\', e.g. host \'web\', mac: \'52:54:00:00:00:01\', ip: \'10.0.0.10\'']
        'nics-65' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\' { 65.times { nic network: \'n\' } }' | ['DIR/bad.kvm:2:21: vm \'a\' has 65 NICs; kvmsh allows 64 per VM — check the loop that adds them']
        'cpus-33' | 'vm \'a\' { cpus 33 }' | ['DIR/bad.kvm:1:10: cpus 33 is more than this host allows for a \'kvm\' vm (32) — use cpus 32 or fewer']
        'mem-4G' | 'vm \'a\' { memory \'4G\' }' | ['DIR/bad.kvm:1:10: memory 4096 MiB is more than this host has (3072 MiB) — give the vm at most 3072 MiB, e.g. memory \'2G\'']
        'attach-nic-none' | 'network \'n\' { nat \'10.1.0.0/24\'; dhcp \'10.1.0.10\'..\'10.1.0.20\' }\nvm \'a\'\nattach \'a\', nic: 0, to: \'n\'' | ['DIR/bad.kvm:3:1: vm \'a\' has no NIC 0 (it declares 0 NICs, counted from 0) — add a nic to the vm first']
        'sleep-null' | 'sleep null' | ['DIR/bad.kvm:1:1: sleep expects a number of milliseconds — e.g. sleep 5000']
        'watch-seconds-huge' | 'vm \'a\'\nwatch \'a\', seconds: 100000' | ['DIR/bad.kvm:2:1: watch seconds: 100000 is more than kvmsh allows (86400, a day in seconds) — e.g. seconds: 30']
        'kernel-devnull' | 'vm \'a\' { kernel \'/dev/null\' }' | ['DIR/bad.kvm:1:10: kernel /dev/null is a character device — name a file instead']
        'cdrom-devnull' | 'vm \'a\' { cdrom \'/dev/null\' }' | ['DIR/bad.kvm:1:10: ISO image /dev/null is a character device — name a file or a block device instead']
        'disk-unknown-option' | 'vm \'a\' { disk \'disk.img\', buss: \'ide\' }' | ['DIR/bad.kvm:1:10: unknown disk option \'buss\' — did you mean \'bus\'?']
    }
}
