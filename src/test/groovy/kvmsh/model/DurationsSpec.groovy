package kvmsh.model

import java.time.Duration
import spock.lang.Specification

/** Lengths of time as scripts and --wait write them. */
class DurationsSpec extends Specification {

    def 'seconds and unit strings are read; the rest is refused'() {
        expect:
        Durations.parse(value) == (seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds)))

        where:
        value      | seconds
        90         | 90
        '90'       | 90
        '90s'      | 90
        '5m'       | 300
        '1h30m'    | 5400
        '1h2m3s'   | 3723
        ' 2m '     | 120
        '24h'      | 86400
        '25h'      | null
        0          | null
        '0s'       | null
        1.5        | null
        '5 min'    | null
        '5x'       | null
        '30s5m'    | null
        ''         | null
        'h'        | null
        null       | null
    }

    def 'a duration is written back shortest'() {
        expect:
        Durations.format(Duration.ofSeconds(s)) == text

        where:
        s    | text
        300  | '5m'
        90   | '1m30s'
        3600 | '1h'
        5    | '5s'
    }
}
