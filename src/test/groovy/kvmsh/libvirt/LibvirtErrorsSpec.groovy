package kvmsh.libvirt

import kvmsh.host.CommandResult
import kvmsh.host.ProcessRunner
import org.libvirt.Connect
import org.libvirt.LibvirtException
import spock.lang.Specification

class LibvirtErrorsSpec extends Specification {

    def 'describes a libvirt error in one line, without the level dump'() {
        given:
        Connect conn = TestDriver.open()

        when:
        conn.networkLookupByName('no-such-net')

        then:
        def e = thrown(LibvirtException)
        LibvirtErrors.describe(e) == "Network not found: no network with matching name 'no-such-net'"

        cleanup:
        conn.close()
    }

    def 'silence() stops libvirt from printing errors to stderr itself'() {
        // libvirt writes to file descriptor 2 from C, which System.err cannot capture: use a child JVM.
        when:
        CommandResult loud = lookUpMissingNetworkInChildJvm(false)
        CommandResult quiet = lookUpMissingNetworkInChildJvm(true)

        then:
        loud.stdout().contains('Network not found')
        loud.stderr().contains('no-such-net')
        quiet.stdout().contains('Network not found')
        !quiet.stderr().contains('no-such-net')
    }

    private static CommandResult lookUpMissingNetworkInChildJvm(boolean silence) {
        String script = '''
            if (args[0] == 'true') kvmsh.libvirt.LibvirtErrors.silence()
            def conn = new org.libvirt.Connect('test:///default')
            try {
                conn.networkLookupByName('no-such-net')
            } catch (org.libvirt.LibvirtException e) {
                println kvmsh.libvirt.LibvirtErrors.describe(e)
            }
            // the silencing must survive garbage collection of everything not strongly held
            System.gc()
            try {
                conn.networkLookupByName('no-such-net')
            } catch (org.libvirt.LibvirtException e) {
                println kvmsh.libvirt.LibvirtErrors.describe(e)
            }
            conn.close()
        '''
        // Surefire runs tests from a manifest-only jar; it publishes the real class path separately.
        String classPath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        String java = "${System.getProperty('java.home')}/bin/java"
        new ProcessRunner().run(java, '-cp', classPath, 'groovy.ui.GroovyMain', '-e', script, String.valueOf(silence))
    }
}
