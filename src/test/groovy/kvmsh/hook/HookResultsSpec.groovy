package kvmsh.hook

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.dsl.compile.ScriptCache
import spock.lang.Specification
import spock.lang.TempDir

/** A declarative hook file's declarations are kept, and used only for the same build, path and text. */
class HookResultsSpec extends Specification {

    @TempDir
    Path dir

    static final String NAT = """network 'isolationbr' {
    driver 'host'
    nat '10.0.0.0/8'
    gateway '10.0.0.254'
    dhcp '10.0.0.1'..'10.0.0.100'
    host 'b', mac: '52:54:00:65:43:21', ip: '10.0.0.50'
}
hook 'isolationbr', keep: true
"""

    Path file(String name, String text) {
        Path f = dir.resolve(name)
        Files.writeString(f, text)
        f
    }

    def 'a declarative hook file is kept and read back as the same declarations'() {
        given:
        def cache = new HookResults(dir.resolve('cache'))
        def f = file('nat.kvm', NAT)

        when:
        def first = HookMain.load(f, ['vnet1'], cache)
        def key = cache.key(f).get()
        def again = cache.read(key, f, Files.readAllBytes(f), ScriptCache.build())

        then:
        Files.exists(dir.resolve('cache').resolve(key))
        again.isPresent()
        again.get() == first
        HookMain.load(f, ['vnet2'], cache) == first
    }

    def 'a changed file, another build or another path is evaluated again'() {
        given:
        def cache = new HookResults(dir.resolve('cache'))
        def f = file('nat.kvm', NAT)
        HookMain.load(f, ['vnet1'], cache)
        def key = cache.key(f).get()

        expect:
        !cache.read(key, f, NAT.replace('10.0.0.100', '10.0.0.90').bytes, ScriptCache.build()).isPresent()
        !cache.read(key, f, Files.readAllBytes(f), 'another build').isPresent()
        !cache.read(key, dir.resolve('other.kvm'), Files.readAllBytes(f), ScriptCache.build()).isPresent()

        when: 'the file changes on disk'
        Files.writeString(f, NAT.replace('10.0.0.100', '10.0.0.90'))

        then:
        HookMain.load(f, ['vnet1'], cache).model().networks()[0].dhcp().end() == '10.0.0.90'
    }

    def 'a hook file that is not declarative is never kept'() {
        given:
        def cache = new HookResults(dir.resolve('cache'))
        def f = file('computed.kvm', "def net = 'isolationbr'\nnetwork net { nat '10.0.0.0/8' }\nhook net\n")

        when:
        HookMain.load(f, ['vnet1'], cache)

        then:
        !Files.exists(dir.resolve('cache').resolve(cache.key(f).get()))
    }

    def 'without a cache directory nothing is kept'() {
        expect:
        new HookResults(null).key(file('nat.kvm', NAT)).isEmpty()
    }
}
