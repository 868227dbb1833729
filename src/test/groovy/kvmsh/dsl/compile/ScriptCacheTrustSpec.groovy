package kvmsh.dsl.compile

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import kvmsh.testing.Nobody
import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The script cache is loaded only when it is this user's alone. The cache key is computable by
 * anyone, so the attack is real: nobody plants the compiled class of its own script under the key
 * of root's harmless one. Planted by root itself, the same entry would be used — the check, not
 * the key, is what stops it.
 */
class ScriptCacheTrustSpec extends Specification {

    @TempDir
    Path dir

    static final String HARMLESS = "'harmless'"
    static final String EVIL = "'evil'"

    def setup() {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
    }

    /** Runs what {@code cache} gives for {@code source}: the script's result says whose code ran. */
    static Object run(CompiledScripts cache, String source) {
        def cls = cache.load(source, 'Kvmsh_trust', { new CompilerConfiguration() }, ScriptCacheTrustSpec.classLoader)
        ((Script) cls.getDeclaredConstructor().newInstance()).run()
    }

    /** Puts the compiled EVIL script where the cache looks for HARMLESS, owned by {@code owner}. */
    Path plant(Path cacheDir, String owner) {
        Path staging = dir.resolve('staging')
        run(new CompiledScripts(staging), EVIL)
        Path evilEntry = Files.list(staging).withCloseable { it.filter { !it.fileName.toString().startsWith('.') }.findFirst().get() }
        Path target = cacheDir.resolve(CompiledScripts.key(HARMLESS, 'Kvmsh_trust'))
        Files.copy(evilEntry, target)
        ['chown', owner, target.toString()].execute().waitFor()
        target
    }

    @Requires({ Nobody.available() })
    def 'an entry planted by another user is skipped: root compiles its own script'() {
        given:
        def cache = Files.createDirectory(dir.resolve('cache'))
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString('rwx------'))
        plant(cache, 'nobody')

        expect:
        run(new CompiledScripts(cache), HARMLESS) == 'harmless'
    }

    def 'the same entry planted by this user is used (so the check above is what refuses it)'() {
        given:
        def cache = Files.createDirectory(dir.resolve('cache'))
        plant(cache, ['id', '-un'].execute().text.trim())

        expect:
        run(new CompiledScripts(cache), HARMLESS) == 'evil'
    }

    @Requires({ Nobody.available() })
    def 'a cache directory that others can write, or that belongs to another user, or is a link, is not used at all'() {
        given:
        def shared = Files.createDirectory(dir.resolve('shared'))
        ['chmod', mode, shared.toString()].execute().waitFor()
        ['chown', owner, shared.toString()].execute().waitFor()
        Path used = link ? Files.createSymbolicLink(dir.resolve('link'), shared) : shared

        expect:
        kvmsh.host.FileTrust.whyNotPrivateDir(used).get().contains(why)

        where:
        mode   | owner    | link  | why
        '1777' | 'root'   | false | 'is writable by others (mode 1777)'
        '0700' | 'nobody' | false | 'belongs to uid 65534, not to uid 0'
        '0700' | 'root'   | true  | 'is a symbolic link'
    }

    def 'a fresh cache directory is made rwx------ whatever is above it'() {
        when:
        kvmsh.host.FileTrust.createDirectories(dir.resolve('a/b'), 'rwx------')

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve('a'))) == 'rwx------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve('a/b'))) == 'rwx------'
        kvmsh.host.FileTrust.whyNotPrivateDir(dir.resolve('a/b')).isEmpty()
    }
}
