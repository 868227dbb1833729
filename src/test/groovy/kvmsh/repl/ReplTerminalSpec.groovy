package kvmsh.repl

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Requires
import spock.lang.Specification

/**
 * End to end through a real pseudo-terminal: kvmsh runs inside a tmux session of its own (its own
 * tmux server socket, killed in cleanup), keys are sent with send-keys and the screen is read with
 * capture-pane, against libvirt's simulated test:///default. Skipped when tmux is not installed.
 */
@Requires({ ReplTerminalSpec.tmuxInstalled() })
class ReplTerminalSpec extends Specification {

    static final long WAIT_MILLIS = 60_000

    String socket = 'kvmsh-test-' + UUID.randomUUID().toString().substring(0, 8)
    /** The tmux session kvmsh runs in now (a restart gets a new one; the server stays up). */
    String pane = 'repl1'
    Path home = Files.createTempDirectory('kvmsh-home')

    static boolean tmuxInstalled() {
        ['/usr/bin/tmux', '/usr/local/bin/tmux', '/bin/tmux'].any { Files.isExecutable(Path.of(it)) }
    }

    def cleanup() {
        tmux('kill-server')
        home.toFile().deleteDir()
    }

    def 'a new user completes, types a multi-line block, recovers from errors, interrupts, runs top and finds the history again'() {
        when: 'kvmsh starts without a command'
        start()

        then:
        waitFor('kvmsh>')

        when: 'Tab completes a statement and a live VM name'
        keys('inf', 'Tab')
        waitFor('kvmsh> info')
        keys("'te", 'Tab')

        then:
        waitFor("kvmsh> info 'test'")

        when:
        keys('Enter')
        and: 'a block continues on the secondary prompt, Tab offers only VM settings'
        keys("vm 'tty1' {", 'Enter')
        waitFor(' > ')
        keys('  mem', 'Tab')
        waitFor('  memory')
        keys(' 96', 'Enter')
        and: 'Tab offers the values a setting takes'
        keys("  accel 't", 'Tab')
        waitFor("  accel 'tcg'")
        keys('Enter', '}', 'Enter')

        then:
        waitFor("declared vm 'tty1'")

        when: 'an error mid-session'
        keys("vm 'tty2' { cpsu 2 }", 'Enter')

        then: 'the echo keeps the blank before the closing brace'
        waitFor("unknown vm setting 'cpsu' — did you mean 'cpus'?")
        screen().contains("kvmsh> vm 'tty2' { cpsu 2 }")

        when: 'Ctrl-C during a long wait'
        keys('sleep 600000', 'Enter')
        Thread.sleep(500)
        keys('C-c')

        then:
        waitFor('interrupted')

        when: 'the session went on'
        keys(':plan', 'Enter')

        then:
        waitFor('+ define vm tty1 (96 MiB')
        !screen().contains('define vm tty2')

        when: 'top runs until a key'
        keys(':top', 'Enter')
        waitFor('CPU %')
        keys('q')
        keys('6 * 7', 'Enter')

        then:
        waitFor('=> 42')

        when: 'saving the session'
        def saved = home.resolve('lab.kvm')
        keys(":save $saved", 'Enter')

        then:
        waitFor('saved 0 network(s) and 1 vm(s)')
        saved.toFile().text.contains("vm 'tty1'")

        when: 'Ctrl-D warns about what :apply has not made, a second one leaves; a new kvmsh finds the history'
        keys('C-d')
        waitFor("the session declares what :apply has not made (2 changes for vm 'tty1')")
        keys('C-d')
        waitFor('kvmsh-exited')
        pane = 'repl2'
        start()
        waitFor('kvmsh>')
        keys('Up')

        then:
        waitFor("kvmsh> :save $saved")
        home.resolve('history').toFile().text.contains("vm 'tty2' { cpsu 2 }")
    }

    def 'a wait shows a live progress line of elapsed time against its limit, then how it ended, in the REPL and in run'() {
        when: 'the REPL waits for a state the VM never reaches'
        start()
        waitFor('kvmsh>')
        keys("watch 'test', until: 'crashed', seconds: 6", 'Enter')

        then: 'a bar drawn by progressbar: what is awaited, elapsed/limit'
        waitFor('vm test to be crashed ')
        waitFor('/6 s (0:00:')

        and: 'in its place, once it ends, the line that says how'
        waitFor('wait: vm test to be crashed: timed out after 6 s: no events')
        waitFor("vm test did not get to 'crashed' within 6 s")
        !screen().contains('/6 s (0:00:')

        when: 'Ctrl-C during a long wait'
        keys("watch 'test', until: 'crashed', seconds: 600", 'Enter')
        waitFor('/600 s (0:00:')
        keys('C-c')

        then: 'the wait says it failed, interrupted, and its bar is gone'
        waitFor('wait: vm test to be crashed: failed after ')
        screen() =~ /wait: vm test to be crashed: failed after \d+\.\d s: interrupted/
        !screen().contains('/600 s (0:00:')

        when: 'run on a terminal: the same, the step lines above the bar'
        def f = home.resolve('watch.kvm')
        f.toFile().text = "network 'tlab' { nat '10.81.0.0/24' }\nvm 'tvm' {\n    memory 128\n    nic network: 'tlab'\n}\n" +
                "watch 'tvm', until: 'crashed', seconds: 6\n"
        keys('C-d')
        waitFor('kvmsh-exited')
        pane = 'run1'
        start('run', f.toString())

        then:
        waitFor('/6 s (0:00:')
        screen().contains('  + start vm tvm')
        waitFor('  wait: vm tvm to be crashed: timed out after 6 s: no events')
        waitFor('kvmsh-exited')
        !screen().contains('/6 s (0:00:')
    }

    private void start(String... args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String cp = System.getProperty('java.class.path')
        String command = "env HOME=$home KVMSH_HISTORY=$home/history TERM=xterm-256color $java -cp $cp " +
                "kvmsh.cli.Main -c test:///default ${args.join(' ')}; echo kvmsh-exited; sleep 600"
        String out = tmux('new-session', '-d', '-x', '200', '-y', '50', '-s', pane, command)
        assert out.isBlank(): "tmux new-session failed: $out"

    }

    private void keys(String... keys) {
        for (String k : keys) {
            // Named keys (Enter, Tab, C-c, Up) are sent as keys; everything else literally.
            boolean named = k in ['Enter', 'Tab', 'C-c', 'C-d', 'Up']
            tmux(*(['send-keys', '-t', pane] + (named ? [] : ['-l']) + [k]))
        }
    }

    private String screen() {
        tmux('capture-pane', '-p', '-J', '-t', pane, '-S', '-200')
    }

    private void waitFor(String text) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS
        while (!screen().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("'$text' did not appear on the screen:\n" + screen())
            }
            Thread.sleep(100)
        }
    }

    private String tmux(String... args) {
        Process p = new ProcessBuilder(['tmux', '-L', socket] + args.toList()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        p.waitFor()
        out
    }
}
