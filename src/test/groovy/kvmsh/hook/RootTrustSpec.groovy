package kvmsh.hook

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import kvmsh.dsl.DslException
import kvmsh.dsl.ScriptLoader
import kvmsh.testing.Nobody
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Root runs no hook file or script that somebody else could have written: the file, and every
 * directory above its real path, must belong to root and be writable by nobody else. The attacker
 * is the real user {@code nobody}; every refused file would write a marker if it ran.
 */
@Requires({ Nobody.available() })
class RootTrustSpec extends Specification {

    @TempDir
    Path dir

    Path ran

    def setup() {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        ran = dir.resolve('ran')
    }

    /** A hook file that leaves {@link #ran} behind when its code runs. */
    String evil() {
        "new File('${ran}').text = 'ran'\nnetwork 'hostonly' { isolated() }\nhook 'hostonly'\n"
    }

    Map hook(List<String> args) {
        def err = new ByteArrayOutputStream()
        int code = HookMain.runCommand(args, new PrintStream(err, true), [KVMSH_RUN_DIR: dir.resolve('run').toString()])
        [code: code, err: err.toString()]
    }

    def 'a hook file nobody owns is refused with exit 3 by hook --check and by a hook call, and never runs'() {
        given:
        def home = Nobody.dir(dir, 'home')
        Nobody.sh("umask 000; printf '%s' \"\$0\" > ${home}/evil.kvm", evil())

        when:
        def check = hook(['--check', home.resolve('evil.kvm').toString()])
        def call = hook([home.resolve('evil.kvm').toString(), 'kvtap0'])

        then:
        check.code == 3
        call.code == 3
        call.err.contains("evil.kvm: refusing to run it as root: ${home}/evil.kvm belongs to uid 65534, not root")
        !Files.exists(ran)
    }

    def 'a root-owned hook file in a directory others can write is refused'() {
        given:
        def open = Files.createDirectory(dir.resolve('open'))
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString('rwxrwxrwx'))
        def f = Files.writeString(open.resolve('hook.kvm'), evil())

        when:
        def call = hook([f.toString(), 'kvtap0'])

        then:
        call.code == 3
        call.err.contains("directory ${open} above ${f} is writable by others (mode 0777)")
        !Files.exists(ran)
    }

    def 'a root-owned file that others can write is refused'() {
        given:
        def f = Files.writeString(dir.resolve('hook.kvm'), evil())
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString('rw-rw-rw-'))

        when:
        ScriptLoader.readTrusted(f)

        then:
        def e = thrown(DslException)
        e.diagnostics()*.toString() == ["${f}: refusing to run it as root: ${f} is writable by others (mode 0666) — "
                + 'make the file and every directory above it belong to root and not writable by group or others '
                + '(chown root FILE; chmod go-w FILE DIR…), or run it as its owner'.toString()]
    }

    def 'a link is judged by what it points to: a root-owned link to a file of nobody is refused'() {
        given:
        def home = Nobody.dir(dir, 'home')
        Nobody.sh("printf '%s' \"\$0\" > ${home}/evil.kvm", evil())
        def link = Files.createSymbolicLink(dir.resolve('hook.kvm'), home.resolve('evil.kvm'))

        when:
        def call = hook([link.toString(), 'kvtap0'])

        then:
        call.code == 3
        call.err.contains("${home}/evil.kvm (the real path of ${link}) belongs to uid 65534, not root")
        !Files.exists(ran)
    }

    def 'a root-owned file in root-owned directories is run, also through a link nobody owns the directory of'() {
        given: 'the file is trusted; the link lives in nobody\'s directory, but it is the target that is read'
        def f = Files.writeString(dir.resolve('hook.kvm'), "new File('${ran}').text = 'ran'\nhook 'hostonly', on: 'down'\n")
        def home = Nobody.dir(dir, 'home')
        Nobody.sh("ln -s ${f} ${home}/link.kvm")

        when:
        def check = hook(['--check', home.resolve('link.kvm').toString()])

        then:
        check.code == 0
        Files.exists(ran)
    }

    def 'a directory with the sticky bit that belongs to root (like /tmp) does not make a file untrusted'() {
        given:
        def sticky = Files.createDirectory(dir.resolve('sticky'))
        ['chmod', '1777', sticky.toString()].execute().waitFor()
        def f = Files.writeString(sticky.resolve('hook.kvm'), "hook 'hostonly', on: 'down'\n")

        expect:
        new String(ScriptLoader.readTrusted(f)) == "hook 'hostonly', on: 'down'\n"
    }

    def 'a hook-result entry planted by nobody is not decoded: the file is evaluated instead'() {
        given: 'nobody\'s entry says the isolated hook joins a LAN bridge br0'
        def cache = Files.createDirectory(dir.resolve('cache'))
        def f = Files.writeString(dir.resolve('hostonly.kvm'), "network 'hostonly' { driver 'host'; isolated() }\nhook 'hostonly'\n")
        def results = new HookResults(cache)
        def key = results.key(f).get()
        def lie = new ScriptLoader().loadScript("network 'hostonly' { driver 'host'; bridge 'br0' }\nhook 'hostonly'\n",
                f.toString(), [])
        results.write(key, f, Files.readAllBytes(f), kvmsh.dsl.compile.ScriptCache.build(), lie)
        ['chown', 'nobody', cache.resolve(key).toString()].execute().waitFor()

        when:
        def loaded = HookMain.load(f, ['vnet1'], results)

        then:
        loaded.model().networks()*.mode() == [kvmsh.model.NetworkMode.ISOLATED]
    }
}
