package kvmsh.repl

import spock.lang.Specification

class CompletenessSpec extends Specification {

    def 'an entry continues while the Groovy parser says it stopped in the middle of something'() {
        expect:
        Completeness.isIncomplete(entry) == continues

        where:
        entry                                               || continues
        "vm 'x' {"                                          || true
        "network 'n' {\n  nat '10.0.0.0/8'\n"               || true
        "network 'n' {\n  nat '10.0.0.0/8'\n}"              || false
        "dhcp '10.0.0.1'.."                                 || true
        "def f(a,"                                          || true
        "x = '''two\nlines"                                 || true
        "x = 1 +"                                           || true
        "vm 'x' { memory 1 }"                               || false
        "vm 'x' { name = '}' }"                             || false
        "vm 'x' { cmdline 'a { b' "                         || true
        "vm 'x' }"                                          || false
        "'unterminated"                                     || false
        "1 +* 2"                                            || false
        ")"                                                 || false
        ":load x.kvm"                                       || false
        ""                                                  || false
        "// a comment {"                                    || false
    }
}
