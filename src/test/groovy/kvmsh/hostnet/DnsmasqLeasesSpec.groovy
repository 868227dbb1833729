package kvmsh.hostnet

import spock.lang.Specification

/** Reading dnsmasq's lease file as dnsmasq 2.89 writes it. */
class DnsmasqLeasesSpec extends Specification {

    def 'DHCPv4 leases carry their MAC; DHCPv6 ones the MAC of a link-layer DUID, else none'() {
        given:
        def text = '''\
            1764700000 52:54:00:AB:CD:01 10.0.0.59 web 01:52:54:00:ab:cd:01
            0 52:54:00:ab:cd:02 10.0.0.60 * *
            duid 00:01:00:01:2e:c0:ff:ee:52:54:00:00:00:fe
            1764700000 13303297 fd00:10::1c2 web 00:01:00:01:2e:aa:bb:cc:52:54:00:ab:cd:01
            1764700000 13303298 fd00:10::1c3 db 00:03:00:01:52:54:00:ab:cd:03
            1764700000 13303299 fd00:10::1c4 * 00:02:00:00:ab:11:aa:bb
            garbage
            '''.stripIndent()

        expect:
        DnsmasqLeases.parse(text) == [
                new DnsmasqLeases.Lease('52:54:00:ab:cd:01', '10.0.0.59', 'web', 1764700000L),
                new DnsmasqLeases.Lease('52:54:00:ab:cd:02', '10.0.0.60', null, 0L),
                new DnsmasqLeases.Lease('52:54:00:ab:cd:01', 'fd00:10::1c2', 'web', 1764700000L),
                new DnsmasqLeases.Lease('52:54:00:ab:cd:03', 'fd00:10::1c3', 'db', 1764700000L),
                new DnsmasqLeases.Lease(null, 'fd00:10::1c4', null, 1764700000L)]
    }
}
