package kvmsh.repl

import spock.lang.Specification

class TopTableSpec extends Specification {

    def 'CPU % is the growth of CPU time over the wall time between two samples'() {
        expect:
        TopTable.cpuPercent(sample(0, 0), sample(1_000_000_000, 250_000_000)) == 25.0d
        TopTable.cpuPercent(sample(0, 0), sample(1_000_000_000, 2_000_000_000)) == 200.0d
        TopTable.cpuPercent(sample(0, 500), sample(0, 900)) == 0d
        TopTable.cpuPercent(sample(0, 900), sample(10, 500)) == 0d
    }

    def 'the table shows every running VM, without CPU % for one that just started'() {
        when:
        def table = TopTable.render([sample(0, 0)], [sample(1_000_000_000, 500_000_000),
                new DomainSample('new', 1_000_000_000, 5, 1, 65536, 131072)])

        then:
        table.readLines()[1] =~ /^new\s+-\s+1\s+64\s+128$/
        table.readLines()[2] =~ /^web\s+50\.0\s+2\s+1024\s+2048$/
    }

    private static DomainSample sample(long at, long cpu) {
        new DomainSample('web', at, cpu, 2, 1048576, 2097152)
    }
}
