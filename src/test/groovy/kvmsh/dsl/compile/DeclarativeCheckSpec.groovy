package kvmsh.dsl.compile

import spock.lang.Specification

class DeclarativeCheckSpec extends Specification {

    def 'literal network and hook declarations are declarative'() {
        expect:
        DeclarativeCheck.isDeclarative(source)

        where:
        source << [
                """#!/usr/bin/env kvmsh
// a comment
network 'isolationbr' {
    nat '10.0.0.0/8'
    gateway '10.0.0.254'
    dhcp '10.0.0.1'..'10.0.0.100'
    host 'db', mac: '52:54:00:00:00:10', ip: '10.0.0.5'
}
hook 'isolationbr'""",
                "network 'hostonly' { isolated() }\nhook 'hostonly', on: 'up', keep: true",
                "network('n') { routed '10.3.0.0/24'; stp true; delay 2 }\nhook 'n', on: 'down'",
        ]
    }

    def 'anything whose result could depend on more than the text is not'() {
        expect:
        !DeclarativeCheck.isDeclarative(source)

        where:
        source << [
                "def net = 'n'\nnetwork net { nat '10.0.0.0/24' }\nhook net",
                "network 'n' { nat \"10.\${args[0]}.0.0/24\" }\nhook 'n'",
                "network 'n' { nat System.getenv('SUBNET') }\nhook 'n'",
                "(1..2).each { network \"n\$it\" { nat '10.0.0.0/24' } }\nhook 'n1'",
                "network 'n' { nat '10.0.0.0/24' }\nhook 'n'\nvm 'a' { memory 64 }",
                "def f() { 'n' }\nnetwork 'n' { nat '10.0.0.0/24' }\nhook f()",
                "network 'n' { nat '10.0.0.0/24'; pxe root: '/srv/tftp', file: 'pxelinux.0' }\nhook 'n'",
                "network 'n' { nat '10.0.0.0/24' ",
        ]
    }
}
