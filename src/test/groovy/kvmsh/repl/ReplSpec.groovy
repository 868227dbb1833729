package kvmsh.repl

import java.nio.file.Files
import spock.lang.AutoCleanup
import spock.lang.Specification

class ReplSpec extends Specification {

    @AutoCleanup
    ReplFixture repl = new ReplFixture()

    def 'a block typed over several lines continues until it is closed'() {
        when:
        def out = repl.type("network 'ml' {", "  nat '10.71.0.0/24'", "  dhcp '10.71.0.10'..'10.71.0.20'", "}", ':plan')

        then:
        out.contains("declared network 'ml'")
        out.contains('+ define network ml (nat 10.71.0.0/24, bridge ml)')
    }

    def ':import declares the host\'s objects in the session and :save writes them'() {
        given:
        def file = java.nio.file.Files.createTempFile('import', '.kvm')
        java.nio.file.Files.delete(file)

        when:
        def out = repl.type(':import test', ":save ${file}")
        def saved = java.nio.file.Files.readString(file)

        then:
        out.contains("declared vm 'test'")
        saved.contains("vm 'test' {")
        saved.contains("nic network: 'default', mac: 'aa:bb:cc:dd:ee:ff'")
        saved.contains('memory 8192')

        cleanup:
        java.nio.file.Files.deleteIfExists(file)
    }

    def 'an error prints one located line and the session goes on without that entry'() {
        when:
        def out = repl.type("vm 'er1' { memroy 128 }", "vm 'er2' { memory 128 }", ':plan')

        then:
        out.contains("repl#1:1:12: unknown vm setting 'memroy' — did you mean 'memory'?")
        !out.contains('define vm er1')
        out.contains('+ define vm er2 (128 MiB')
    }

    def 'hook is refused with what to do instead: qemu calls a script file, not the REPL'() {
        when:
        def out = repl.type("network 'lab' { isolated '10.78.0.0/24' }", "hook 'lab'", ':plan')

        then:
        out.contains("repl#2:1:1: hook makes a script file a qemu tap hook; the REPL cannot serve qemu's calls — put hook 'lab' in a .kvm file and give that file to qemu as script= and downscript=")
        out.contains('+ define network lab')
    }

    def 'migrate and evacuate are refused: they move VMs between a script\'s hypervisors'() {
        when:
        def out = repl.type(":connect b $ReplFixture.URI", "migrate 'test', to: 'b'", "evacuate 'main', to: 'b'")

        then:
        out.contains("repl#1:1:1: migrate moves VMs between a script's hypervisors; the REPL works on one connection at a time — put it in a script beside its hypervisor declarations and run that with kvmsh run")
        out.contains("repl#2:1:1: evacuate moves VMs between a script's hypervisors;")
    }

    def 'ssh and waitForSsh are refused with a pointer to kvmsh ssh, and listed as script-only'() {
        when:
        def out = repl.type("ssh 'test', 'uptime', user: 'admin'", "waitForSsh 'test', user: 'admin'", "ssh 'test'", ':help')

        then:
        out.contains("repl#1:1:1: ssh runs after a script's apply, for the VMs it starts; the REPL has no such apply — log in from your shell with kvmsh ssh test 'uptime'")
        out.contains("repl#2:1:1: waitForSsh runs after a script's apply, for the VMs it starts; the REPL has no such apply — log in from your shell with kvmsh ssh test")
        out =~ /(?m)repl#3:1:1: ssh runs after a script's apply, for the VMs it starts; the REPL has no such apply — log in from your shell with kvmsh ssh test\r?$/
        ['ssh', 'waitForSsh'].every { (out =~ /In script files only[^\n]*\b$it\b/).find() }
        !(out =~ /(?m)^  (ssh|waitForSsh) /)
    }

    def 'a syntax error does not end the session'() {
        when:
        def out = repl.type("vm 'x' }", "1 + 1")

        then:
        out.contains("repl#1:1:")
        out.contains('=> 2')
    }

    def 'declaring a VM again replaces it'() {
        when:
        def out = repl.type("vm 'rd' { memory 128 }", "vm 'rd' { memory 256 }", ':plan')

        then:
        out.contains('+ define vm rd (256 MiB')
        !out.contains('declared twice')
        out.count('+ define vm rd') == 1
    }

    def 'variables and functions persist between entries'() {
        when:
        def out = repl.type('def n = 2', 'def twice(x) { x * 2 }', 'twice(n) + 1')

        then:
        out.contains('=> 5')
    }

    def 'statements run at once; declarations wait for :apply'() {
        when:
        def out = repl.type("vm 'ap' { memory 64; state 'stopped' }", 'list()', ':apply', "start 'ap'", ':list')

        then: 'the first listing does not know ap yet, the second shows it running'
        def listings = out.split('VM ')
        listings.size() == 3
        !(listings[1] =~ /(?m)^ap\s/)
        listings[2] =~ /(?m)^ap\s+running/
        out.contains('Applied')
    }

    def 'a statement on a missing VM prints where it failed'() {
        when:
        def out = repl.type("start 'nope'")

        then:
        out.contains("repl#1:1:1: unknown vm 'nope': the script does not declare it and the host has none of that name")
    }

    def 'meta-commands: help, xml, leases usage, unknown commands'() {
        when:
        def out = repl.type(':help', ':help vm', ':help memory', ':xml vm test', ':leases', ':plna')

        then:
        out.contains(':save FILE')
        out =~ /memory\s+memory in MiB \(default 512\)/
        out.contains("memory (vm setting): memory in MiB (default 512)")
        out.contains('<name>test</name>')
        out.contains('usage: :leases NETWORK')
        out.contains("unknown command ':plna' — did you mean ':plan'?")
    }

    def ':help lists hook, hypervisor, migrate and evacuate apart, as script-only, not among the statements'() {
        when:
        def out = repl.type(':help', ':help hook')

        then:
        !(out =~ /(?m)^  (hook|hypervisor|migrate|evacuate) /)
        out =~ /(?m)^  start +start a VM/
        out.contains('In script files only (the REPL refuses them): ')
        ['hook', 'hypervisor', 'migrate', 'evacuate'].every { (out =~ /In script files only[^\n]*\b$it\b/).find() }
        out.contains('hook (statement, in script files only): ')
    }

    def 'top shows CPU % and memory per running VM and stops by itself'() {
        when:
        def out = repl.type(':top 2')

        then:
        out.count('top on test:///default') == 2
        out =~ /test\s+\d+\.\d\s+2\s+2048/
    }

    def 'saving writes declarations that load again into the same plan'() {
        given:
        def file = Files.createTempFile('session', '.kvm')
        Files.delete(file)

        when:
        def first = repl.type("network 'sv' { isolated '10.72.0.0/24' }", "vm 'svm' { memory 96; nic network: 'sv' }",
                ":save $file", ':plan')
        def again = new ReplFixture()
        def second = again.type(":load $file", ':plan')
        again.close()

        then:
        first.contains("saved 1 network(s) and 1 vm(s) to $file")
        plan(first) == plan(second)
        plan(second).contains('+ define vm svm (96 MiB, 1 cpu, nic on sv)')

        cleanup:
        Files.deleteIfExists(file)
    }

    def ':quit ends the session and nothing after it runs'() {
        when:
        def out = repl.type(':quit', '40 + 2')

        then:
        !out.contains('=> 42')
    }

    def 'connect switches the hypervisor and keeps the declarations'() {
        when:
        def out = repl.type("vm 'cn' { memory 64 }", ':connect test:///default', ':plan')

        then:
        out.contains('connected to test:///default')
        out.contains('+ define vm cn')
    }

    def 'an interrupted entry reports it and the session goes on'() {
        when:
        Thread.currentThread().interrupt()
        repl.session.evaluate('while (true) { }')
        Thread.interrupted()
        def out = repl.type('6 * 7')

        then:
        out.contains('=> 42')
    }

    def 'entries are kept in the history file'() {
        when:
        repl.type("vm 'hist' { memory 64 }")

        then:
        repl.history.toFile().text.contains("vm 'hist' { memory 64 }")
    }

    def 'the history file is readable by its owner only: a new one is made 0600, an existing 0644 one is made 0600'() {
        given:
        def fresh = Files.createTempDirectory('kvmsh-hist').resolve('history')
        def old = Files.createTempFile('kvmsh-history', '')
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))

        when:
        new ReplFixture(fresh).type("def secret = 'hunter2'")
        new ReplFixture(old).type("def secret = 'hunter2'")

        then:
        [fresh, old].collect { java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(it)) } ==
                ['rw-------', 'rw-------']
        fresh.toFile().text.contains('hunter2')

        cleanup:
        fresh?.toFile()?.parentFile?.deleteDir()
        old?.toFile()?.delete()
    }

    def 'piped input runs as a batch with the same semantics and counts the errors'() {
        given:
        def input = "network 'bt' {\n  isolated '10.73.0.0/24'\n}\nvm 'b1' { memroy 1 }\n:plan\n"

        when:
        def (int errors, String text) = batch(input)

        then:
        errors == 1
        text.contains('+ define network bt')
        text.contains("unknown vm setting 'memroy'")
        !text.contains('kvmsh>')
    }

    def ':apply asks before a step that cuts guests off, applies on y and changes nothing on n'() {
        given: 'a network with a guest on it'
        repl.type("network 'cn' { isolated '10.74.0.0/24' }",
                "vm 'cg' { memory 64; nic tap: 'vnet74', network: 'cn' }", ':apply')

        when: 'its subnet changes (a restart) and the user answers n'
        def no = repl.type("network 'cn' { isolated '10.75.0.0/24' }", ':apply', 'n')

        then:
        no.contains('! ~ restart network cn')
        no.contains('lose their connection')
        no.contains('can lose data? [y/N]')
        no.contains('nothing was changed.')
        repl.type(':plan').contains('~ restart network cn')

        when:
        def yes = repl.type(':apply', 'y')

        then:
        yes.contains('Applied 2 changes')
    }

    def 'piped :apply carries out a step that can lose data only with --yes'() {
        given:
        def text = new StringWriter()
        def out = new PrintWriter(text)
        def connector = { String uri -> kvmsh.libvirt.LibvirtHypervisor.connect(uri, kvmsh.host.SimulatedLinks.of(uri)) } as ReplSession.Connector
        def session = new ReplSession(connector.apply('test:///default'), connector, new ReplOutput(out, out, false))
        def setup = "network 'pn' { isolated '10.76.0.0/24' }\nvm 'pg' { memory 64; nic tap: 'vnet76', network: 'pn' }\n:apply\n"
        int setupErrors = Repl.batch(session, new BufferedReader(new StringReader(setup))).run()
        if (setupErrors) { new File('/tmp/safety-repl.txt').text = text.toString() }
        assert setupErrors == 0

        when:
        int refused = Repl.batch(session, new BufferedReader(new StringReader(
                "network 'pn' { isolated '10.77.0.0/24' }\n:apply\n"))).run()

        then:
        refused == 1
        text.toString().contains('no terminal to ask on; nothing was changed')

        when:
        int applied = Repl.batch(session, new BufferedReader(new StringReader(":apply --yes\n"))).run()

        then:
        applied == 1 // the error counter keeps counting within a session
        text.toString().contains('Applied')

        cleanup:
        session?.close()
    }

    def ':show lists the declarations and variables, then how they differ from the host'() {
        when:
        def out = repl.type('def size = 64', "vm 'sh' { memory size }", ':show')

        then:
        out.contains("Declared: vm 'sh'.")
        out.contains('Variables: size.')
        out.contains('Against main (test:///default):')
        out.contains('+ define vm sh (64 MiB')
    }

    def ':forget drops the declarations and variables of a name, :reset everything'() {
        when:
        def out = repl.type("network 'fg' { isolated '10.79.0.0/24' }", "vm 'fv' { memory 64 }", 'def keep = 1',
                ':forget fv', ':forget nothere', ':plan')

        then:
        out.contains("forgot vm 'fv'")
        out.contains(":forget: the session declares nothing named 'nothere' — :show lists what it declares")
        out.contains('+ define network fg')
        !out.contains('+ define vm fv')

        when:
        def after = repl.type(':reset', ':show', 'keep + 1')

        then:
        after.contains('forgot 1 declaration(s) and 1 variable(s); the host is unchanged')
        after.contains('Declared: nothing yet.')
        after.contains("unknown name 'keep'")
    }

    def 'Ctrl-D with declarations not applied warns once; the second Ctrl-D leaves'() {
        when: 'the input ends (Ctrl-D) twice in a row'
        def out = repl.type("vm 'cd' { memory 64 }")

        then:
        out.count("the session declares what :apply has not made (2 changes for vm 'cd') — :apply makes it, :save FILE keeps it; Ctrl-D again leaves without it") == 1

        when: 'applied, nothing is pending'
        def applied = repl.type(':apply')

        then:
        applied.contains('Applied')
        !applied.contains('has not made')
    }

    def ':save keeps an existing file unless told to replace it, and names a missing directory'() {
        given:
        def file = Files.createTempFile('keep', '.kvm')
        Files.writeString(file, '// mine\n')

        when:
        def refused = repl.type("vm 'sf' { memory 64 }", ":save $file")

        then:
        refused.contains(":save: $file exists — :save! $file replaces it, or name another file")
        Files.readString(file) == '// mine\n'

        when:
        def forced = repl.type(":save! $file", ":save --force $file", ':save /no-such-kvmsh-dir/x.kvm')

        then:
        forced.count("saved 0 network(s) and 1 vm(s) to $file") == 2
        Files.readString(file).contains("vm 'sf'")
        forced.contains(':save: cannot write /no-such-kvmsh-dir/x.kvm: there is no directory /no-such-kvmsh-dir — create it first')

        cleanup:
        Files.deleteIfExists(file)
    }

    def 'a statement on a VM declared but not applied says to :apply first'() {
        when:
        def out = repl.type("vm 'ghost' { memory 64; state 'stopped' }", "start 'ghost'")

        then:
        out =~ /repl#2:1:1: .*ghost.* — 'ghost' is declared in this session but not on the host yet: :apply first/
    }

    def 'a failed :connect says what to try with REPL commands, not the command line\'s -c'() {
        given:
        def socket = Files.createTempDirectory('kvmsh-nosock').resolve('none.sock')

        when:
        def out = repl.type(":connect qemu:///system?socket=$socket")

        then:
        out.contains(":connect: cannot connect to qemu:///system?socket=$socket: no libvirt daemon answers (")
        out.contains("Start libvirtd, then :connect qemu:///system?socket=$socket again, or try libvirt's simulated host with :connect test:///default.")
        !out.contains('-c ')
        repl.session.hypervisor().uri() == 'test:///default'
    }

    def 'piped errors name the line of the input, not the entry'() {
        given:
        def input = """network 'ln' {
          |  isolated '10.80.0.0/24'
          |}
          |// a comment
          |def n = 1
          |vm 'l0' {
          |  memory 64
          |  memroy 1
          |}
          |vm 'x' }
          |start 'nope'
          |vm 'l1' { memory 64; nic network: 'nonet' }
          |:plan
          |""".stripMargin()

        when:
        def (int errors, String text) = batch(input)

        then:
        errors == 4
        text.contains("stdin:8:3: unknown vm setting 'memroy' — did you mean 'memory'?")
        text =~ /stdin:10:\d+: /
        text.contains("stdin:11:1: unknown vm 'nope'")
        text =~ /stdin:12:\d+: .*nonet/
        !text.contains('repl#')
    }

    def 'on a colour terminal :plan, :show and :apply\'s question print the plan in the CLI\'s colours, with none otherwise'() {
        given:
        def input = "vm 'col' { memory 64 }\n:plan\n:show\n:apply\n:forget col\n:apply\n:apply --yes\n"

        when:
        String text = batch(input, true)[1]

        then: 'adds are green in :plan and :show'
        text.count('\033[32m+ define vm col') == 2

        and: ':apply asking about a removal shows it red, bold and marked'
        text.count('\033[1m\033[31m! \033[0m\033[1m\033[31m- destroy vm col') == 1

        and: 'without colour there is none'
        !repl.type("vm 'nocol' { memory 64 }", ':plan', ':show').contains('\033[')
    }

    /** Runs {@code input} as piped input in a session of its own; returns its error count and what it printed. */
    private static List batch(String input, boolean colour = false) {
        def text = new StringWriter()
        def out = new PrintWriter(text)
        def connector = { String uri -> kvmsh.libvirt.LibvirtHypervisor.connect(uri, kvmsh.host.SimulatedLinks.of(uri)) } as ReplSession.Connector
        def session = new ReplSession(connector.apply('test:///default'), connector, new ReplOutput(out, out, colour))
        try {
            int errors = Repl.batch(session, new BufferedReader(new StringReader(input))).run()
            [errors, text.toString()]
        } finally {
            session.close()
        }
    }

    private static String plan(String out) {
        out.readLines().findAll { it.startsWith('  + ') || it.startsWith('  ~ ') }.join('\n')
    }
}
