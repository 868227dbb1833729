package kvmsh.model

import spock.lang.Specification

/** Dotted quads only, each checked; subnets as address/prefix with no host bits and room for guests. */
class Ipv4Spec extends Specification {

    def 'subnet #text: #expected'() {
        expect:
        def s = Ipv4.subnet(text)
        (s.problem() == null ? s.cidr() : s.problem() + ' — ' + s.fix()) == expected

        where:
        text              || expected
        '10.0.0.0/8'      || '10.0.0.0/8'
        ' 192.168.1.0/24' || '192.168.1.0/24'
        '0.0.0.0/0'       || '0.0.0.0/0'
        '10.0.0.1/8'      || "subnet '10.0.0.1/8' has host bits set — write '10.0.0.0/8'"
        '10.0.0.0/31'     || "subnet '10.0.0.0/31' has no room for a gateway and guests — use a prefix of /30 or shorter, e.g. /24"
        '10.0.0/24'       || "bad subnet '10.0.0/24' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '10.0.0.256/24'   || "bad subnet '10.0.0.256/24' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '10.0.0.0/33'     || "bad subnet '10.0.0.0/33' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '10.0.0.0'        || "bad subnet '10.0.0.0' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '0x0a.0.0.0/8'    || "bad subnet '0x0a.0.0.0/8' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '10.0.0.0/-8'     || "bad subnet '10.0.0.0/-8' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
        '10..0.0/8'       || "bad subnet '10..0.0/8' — write an IPv4 subnet as address/prefix, e.g. '10.0.0.0/24'"
    }

    def 'address #text'() {
        expect:
        def a = Ipv4.address(text)
        (a.present ? Ipv4.format(a.asLong) : null) == expected

        where:
        text                || expected
        '10.0.0.1'          || '10.0.0.1'
        '255.255.255.255'   || '255.255.255.255'
        '10.0.0.1/32'       || null
        '10.0.0'            || null
        '10.0.0.1.5'        || null
        '1e1.0.0.1'         || null
        ''                  || null
    }
}
