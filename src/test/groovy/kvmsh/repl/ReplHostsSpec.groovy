package kvmsh.repl

import java.nio.file.Path
import kvmsh.testing.TestHosts
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

/** Several connections in one REPL: :connect NAME URI holds them, :hosts lists them, :list shows every host's. */
class ReplHostsSpec extends Specification {

    @TempDir
    Path dir

    @AutoCleanup
    ReplFixture repl = new ReplFixture()

    def 'holds several named connections, lists them, and lists every host with a HOST column'() {
        given:
        String uriA = TestHosts.host(dir, 'a')

        when:
        def out = repl.type(":connect a $uriA", "vm 'only-a' { memory 64 }", ':apply', ':hosts', ':list', ':connect main', ':hosts')

        then:
        out.contains("connected to $uriA as a (:hosts lists the connections)")
        out.contains('+ define vm only-a')
        out.contains("  HOST  URI\n  main  test:///default\n* a     $uriA\n")
        out.contains("now on main (test:///default)")
        out.contains("* main  test:///default\n  a     $uriA\n")
        out =~ /HOST  VM +STATE/
        out =~ /\na +only-a +running +no +kvmsh repl /
        out =~ /\nmain +test +running/
        repl.session.hypervisor().uri() == 'test:///default'
    }

    def 'hypervisor declarations are refused in the REPL, which works on its connection'() {
        when:
        def out = repl.type("hypervisor 'a', uri: 'test:///default'", "vm 'placed' { memory 64; on 'a' }", ':plan')

        then:
        out.contains("repl#1:1:1: hypervisor declarations are for scripts: the REPL works on its current connection — run the script with kvmsh run, or hold connections here with :connect NAME URI")
        !out.contains('+ define vm placed')
    }

    def 'one connection lists as before, without a HOST column'() {
        when:
        def out = repl.type(':list')

        then:
        !out.contains('HOST')
        out =~ /VM +STATE +AUTOSTART +MANAGED BY/
    }
}
