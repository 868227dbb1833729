package kvmsh.progress

import java.time.Duration
import spock.lang.Specification

/**
 * The two ways waits show: plain lines (piped) and live lines on a terminal, the latter read back
 * through a small model of the screen (cursor up, carriage return, clear line, clear below).
 */
class WaitsSpec extends Specification {

    def 'plain waits print a start line and one end line that says how the wait ended'() {
        given:
        def lines = []
        def waits = new PlainWaits({ lines << it })

        when:
        def lease = waits.bounded('vm web to get a DHCP lease', Duration.ofSeconds(60))
        lease.progress(1, 2)
        lease.status('asking')
        lease.reached('10.0.0.12')
        lease.timedOut('')
        lease.close()
        waits.bounded('vm db to be stopped', Duration.ofSeconds(2)).timedOut('no events')
        waits.bounded('vm web to shut down', Duration.ofSeconds(5)).failed('vm web is not running')
        waits.transfer('upload of seed web-seed.iso (1 MiB)', 1 << 20).done('')
        waits.bounded('vm x to be started', Duration.ofSeconds(3)).close()

        then:
        lines.size() == 10
        lines[0] == 'wait: vm web to get a DHCP lease (up to 60 s)'
        lines[1] ==~ /wait: vm web to get a DHCP lease: reached in \d+\.\d s: 10\.0\.0\.12/
        lines[2] == 'wait: vm db to be stopped (up to 2 s)'
        lines[3] == 'wait: vm db to be stopped: timed out after 2 s: no events'
        lines[5] ==~ /wait: vm web to shut down: failed after \d+\.\d s: vm web is not running/
        lines[6] == 'wait: upload of seed web-seed.iso (1 MiB)'
        lines[7] ==~ /wait: upload of seed web-seed.iso \(1 MiB\): done in \d+\.\d s/
        lines[9] ==~ /wait: vm x to be started: failed after \d+\.\d s: stopped by an error/
    }

    def 'on a terminal each running wait has a live bar, lines go above them, and an ended wait leaves its end line'() {
        given:
        def screen = new Screen()
        def waits = new TerminalWaits(screen.writer(), { 100 }, false, '  ')

        when: 'two waits run at once and a line is printed meanwhile'
        def lease = waits.bounded('vm a to get a DHCP lease', Duration.ofSeconds(60))
        def copy = waits.transfer('copy of volume b.qcow2 (4 MiB)', 4L << 20)
        copy.progress(2L << 20, 4L << 20)
        waits.line('+ start vm c')

        then: 'the line, then a bar per wait, drawn by progressbar'
        screen.eventually { s -> s.size() == 3 && s[1].contains('/60 s (') && s[2].contains('2/4 MiB') }
        screen.lines()[0] == '  + start vm c'
        screen.lines()[1].startsWith('  vm a to get a DHCP lease ')
        screen.lines()[2].startsWith('  copy of volume b.qcow2 (4 MiB) ')
        screen.lines().every { it.length() <= 100 }

        when: 'the first ends'
        lease.reached('10.0.0.5')

        then: 'its end line stands where the text goes on, the other bar below it'
        screen.lines().size() == 3
        screen.lines()[1] ==~ /  wait: vm a to get a DHCP lease: reached in \d+\.\d s: 10\.0\.0\.5/
        screen.lines()[2].startsWith('  copy of volume b.qcow2 (4 MiB) ')

        when:
        copy.failed('the target accepted no more')
        waits.close()

        then: 'no bar is left'
        screen.lines().size() == 3
        screen.lines()[2] ==~ /  wait: copy of volume b\.qcow2 \(4 MiB\): failed after \d+\.\d s: the target accepted no more/
    }

    def 'more waits at once than live lines are counted in the last line'() {
        given:
        def screen = new Screen()
        def waits = new TerminalWaits(screen.writer(), { 80 }, false, '')

        when:
        def all = (1..10).collect { waits.bounded("vm v$it to shut down", Duration.ofSeconds(60)) }
        waits.line('hello')

        then:
        screen.lines().size() == 9
        screen.lines()[0] == 'hello'
        screen.lines()[8] == '… and 3 more waits'

        when:
        all.each { it.reached('') }
        waits.close()

        then:
        screen.lines().size() == 11
        screen.lines().drop(1).every { it ==~ /wait: vm v\d+ to shut down: reached in \d+\.\d s/ }
    }

    /** What a terminal shows of what was written: just the cursor moves TerminalWaits uses. */
    static final class Screen {
        private final StringWriter raw = new StringWriter()
        private final PrintWriter writer = new PrintWriter(raw, true)

        PrintWriter writer() {
            writer
        }

        /** The screen's lines now, without trailing blanks and with empty lines at the end dropped. */
        synchronized List<String> lines() {
            List<StringBuilder> rows = [new StringBuilder()]
            int row = 0
            int col = 0
            String s = raw.toString()
            int i = 0
            while (i < s.length()) {
                char c = s.charAt(i)
                if (c == '\u001b' as char && i + 1 < s.length() && s.charAt(i + 1) == '[' as char) {
                    int j = i + 2
                    while (!Character.isLetter(s.charAt(j))) {
                        j++
                    }
                    String arg = s.substring(i + 2, j)
                    switch (s.charAt(j)) {
                        case 'A': row = Math.max(0, row - (arg ? arg as int : 1)); break
                        case 'K': rows[row].setLength(Math.min(col, rows[row].length())); break
                        case 'J':
                            rows[row].setLength(Math.min(col, rows[row].length()))
                            while (rows.size() > row + 1) {
                                rows.remove(rows.size() - 1)
                            }
                            break
                        default: break // colours
                    }
                    i = j + 1
                    continue
                }
                if (c == '\r' as char) {
                    col = 0
                } else if (c == '\n' as char) {
                    row++
                    col = 0
                    while (rows.size() <= row) {
                        rows << new StringBuilder()
                    }
                } else {
                    StringBuilder r = rows[row]
                    while (r.length() < col) {
                        r.append(' ')
                    }
                    if (col < r.length()) {
                        r.setCharAt(col, c)
                    } else {
                        r.append(c)
                    }
                    col++
                }
                i++
            }
            List<String> out = rows*.toString()*.replaceAll(/\s+$/, '')
            while (out && out[-1].isEmpty()) {
                out.remove(out.size() - 1)
            }
            out
        }

        /** Waits (up to 30 s) until the screen satisfies {@code check}, which progressbar draws on its own thread. */
        boolean eventually(Closure<Boolean> check) {
            long deadline = System.currentTimeMillis() + 30_000
            while (!check(lines())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError('the screen did not get there:\n' + lines().join('\n'))
                }
                Thread.sleep(50)
            }
            true
        }
    }
}
