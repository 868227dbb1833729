package kvmsh.cli

/**
 * What waits print when the output is not a terminal (as in every in-process run here): a line
 * when a wait starts and one saying how it ended, among the step lines, against test:///default.
 */
class WaitsCliSpec extends TestDriverFixture {

    /** A network of the feature's own: test:///default may keep another feature's (same process). */
    static String lab(int n) {
        "network 'wlab$n' { nat '10.79.$n.0/24' }\n"
    }

    def 'watch until a state that does not come prints a start and an end line and says it timed out'() {
        given:
        def f = script('watch.kvm', lab(1) + "vm 'wdb' {\n    memory 128\n    nic network: 'wlab1'\n}\n"
                + "watch 'wdb', until: 'stopped', seconds: 2\n")

        when:
        def r = kvmsh('run', f.toString())
        def lines = r.out.readLines()
        int start = lines.indexOf('  wait: vm wdb to be stopped (up to 2 s)')
        int end = lines.indexOf('  wait: vm wdb to be stopped: timed out after 2 s: no events')

        then:
        r.code == ExitCodes.APPLY_FAILED
        start >= 0
        end == start + 1
        lines[end + 1].startsWith('  ! failed: watch wdb, ')
        r.err.contains("vm wdb did not get to 'stopped' within 2 s")
    }

    def 'watch without until runs its time and says it is done'() {
        given:
        def f = script('events.kvm', "watch seconds: 1\n")

        when:
        def r = kvmsh('run', f.toString())

        then:
        r.code == 0
        r.out.contains('  wait: events of any vm (up to 1 s)\n')
        r.out.readLines().any { it ==~ /  wait: events of any vm: done in \d+\.\d s: no events/ }
    }

    def 'a shutdown says that it waits for the guest and that the guest went down'() {
        given:
        def f = script('stop.kvm', lab(2) + "vm 'wweb' {\n    memory 128\n    nic network: 'wlab2'\n}\n"
                + "shutdown 'wweb', timeout: 5\n")

        when:
        def r = kvmsh('run', f.toString())
        def lines = r.out.readLines()
        int start = lines.indexOf('  wait: vm wweb to shut down (up to 5 s)')

        then:
        r.code == 0
        start >= 0
        lines[start + 1] ==~ /  wait: vm wweb to shut down: reached in \d+\.\d s/
        lines[start + 2].startsWith('  > shutdown wweb, timeout: 5')
        keepAlive.domainLookupByName('wweb').isActive() == 0
    }

    def 'waits of parallel steps print whole lines, a start and an end for each'() {
        given: 'four running VMs'
        def vms = { String state -> lab(3) + (1..4).collect { "vm 'wp$it' {\n    memory 128\n    nic network: 'wlab3'\n    state '$state'\n}\n" }.join() }
        kvmsh('run', script('up.kvm', vms('running')).toString()).code == 0

        when: 'they are stopped four at a time'
        def r = kvmsh('run', '--parallel', '4', '--yes', script('up.kvm', vms('stopped')).toString())
        def waits = r.out.readLines().findAll { it.contains('wait:') }

        then:
        r.code == 0
        waits.size() == 8
        waits.every { it ==~ /  wait: vm wp\d to shut down( \(up to 60 s\)|: reached in \d+\.\d s)/ }
        (1..4).every { n -> waits.count { it.startsWith("  wait: vm wp$n to shut down") } == 2 }
    }

    def 'the REPL reading piped input prints the same lines for a statement that waits'() {
        given: 'kvmsh in a process of its own, its standard input a pipe'
        String java = java.nio.file.Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def p = new ProcessBuilder(java, '-cp', System.getProperty('java.class.path'), 'kvmsh.cli.Main', '-c', URI)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start()

        when:
        p.outputStream.withWriter { it << "watch 'test', until: 'crashed', seconds: 1\n" }
        def lines = p.inputStream.text.readLines()
        p.waitFor()

        then:
        p.exitValue() == ExitCodes.SCRIPT_ERRORS
        int start = lines.indexOf("wait: vm test to be crashed (up to 1 s)")
        start >= 0
        lines[start + 1] == 'wait: vm test to be crashed: timed out after 1 s: no events'
    }
}
