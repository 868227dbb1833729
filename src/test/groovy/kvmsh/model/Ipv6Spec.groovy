package kvmsh.model

import spock.lang.Specification

class Ipv6Spec extends Specification {

    def 'writes #text in RFC 5952 form as #canonical'() {
        expect:
        Ipv6.canonical(text) == canonical

        where:
        text                                      | canonical
        'FD00:0010:0000:0000:0000:0000:0000:0001' | 'fd00:10::1'
        'fd00:10::'                               | 'fd00:10::'
        '::'                                      | '::'
        '::1'                                     | '::1'
        '2001:db8:0:1:1:1:1:1'                    | '2001:db8:0:1:1:1:1:1'
        '2001:db8:0:0:1:0:0:1'                    | '2001:db8::1:0:0:1'
        '2001:0:0:1:0:0:0:1'                      | '2001:0:0:1::1'
        '::ffff:0:1.2.3.4'                        | '::ffff:0:102:304'
    }

    def 'takes no #what as an address'() {
        expect:
        Ipv6.address(text).isEmpty()

        where:
        what                            | text
        'IPv4 address'                  | '10.0.0.1'
        'IPv4-mapped address'           | '::ffff:10.0.0.1'
        'host name'                     | 'localhost'
        'name with a colon'             | 'example.com:80'
        'zone'                          | 'fe80::1%eth0'
        'second ::'                     | '1::2::3'
        'group of five digits'          | 'fd00:10000::1'
        'empty text'                    | ''
    }

    def 'parses a /64 and answers containment, overlap and host addresses'() {
        when:
        def s = Ipv6.subnet(' fd00:10::/64 ')
        def a = { Ipv6.address(it).orElseThrow() }

        then:
        s.problem() == null
        s.cidr() == 'fd00:10::/64'
        Ipv6.format(s.last()) == 'fd00:10::ffff:ffff:ffff:ffff'
        s.contains(a('fd00:10::ffff'))
        !s.contains(a('fd00:11::1'))
        !s.isHost(a('fd00:10::'))
        s.isHost(a('fd00:10::1'))
        s.overlaps(Ipv6.subnet('fd00:10:0:0::/64'))
        !s.overlaps(Ipv6.subnet('fd00:11::/64'))
    }
}
