package kvmsh.dsl

import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

import static kvmsh.dsl.DslFixture.load

/**
 * Interpolated keyword arguments reach the keywords as text built by {@link Text}, the same text
 * Groovy would write, without Groovy's slow first GString.toString().
 */
class KeywordTextSpec extends Specification {

    @TempDir
    Path dir

    def 'interpolated names, named options, ranges and lists reach the keywords as the text Groovy writes'() {
        when:
        def model = load('''
            def n = 3
            (1..2).each { i ->
                network "net$i" { nat "10.${i}.0.0/24"; dhcp "10.${i}.0.${n}".."10.${i}.0.${n * 10}" }
            }
            vm "web${n}-${'x' * 2}-${1.50G}-${true}-${null}" { memory 64; nic network: "net${n - 1}" }
            ''')

        then:
        model.networks()*.name() == ['net1', 'net2']
        model.networks()*.cidr() == ['10.1.0.0/24', '10.2.0.0/24']
        model.networks()[1].dhcp().start() == '10.2.0.3'
        model.networks()[1].dhcp().end() == '10.2.0.30'
        model.vms()[0].name() == 'web3-xx-1.50-true-null'
        model.vms()[0].nics()[0].network() == 'net2'
    }

    def 'Text writes what GString.toString writes, and leaves other values to Groovy: #text'() {
        expect:
        Text.of(gstring) == gstring.toString()
        Text.of(gstring) instanceof String

        where:
        gstring << [GString.EMPTY + "a${1}b${2L}c", "${'x'}${null}${'y'}", "${1.0G}|${1e3d}|${'q' as char}",
                    "[${"in${1}ner"}]", "${[1, 2]} ${[a: 1]}", "${-> 'lazy'}", "${new StringBuilder('sb')}"]
        text = gstring.toString()
    }

    def 'GStrings outside keyword calls stay GStrings'() {
        expect:
        load('''
            def s = "net${1}"
            assert s instanceof GString
            def f(x) { assert x instanceof GString; x }
            def name = f("n${2}")
            network name { isolated() }
            ''').networks()*.name() == ['n2']
    }

    def 'running a cached script with interpolated names does not start the Groovy compiler'() {
        given: 'a fresh JVM that loads the script twice through the cache'
        def script = dir.resolve('loop.kvm')
        java.nio.file.Files.writeString(script, '''(1..3).each { i -> network "n$i" { isolated() } }\n''')
        def run = { ->
            def cmd = ['java', '-Xlog:class+load=info:stdout', '-cp', System.getProperty('java.class.path'),
                       Loader.name, script.toString()]
            def pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            pb.environment().put('KVMSH_CACHE_DIR', dir.resolve('cache').toString())
            def p = pb.start()
            String out = p.inputStream.text
            assert p.waitFor() == 0: out
            out.readLines().findAll { it.contains('[class,load]') }.collect { it.split(' ')[1] }
        }

        when:
        def first = run()
        def second = run()

        then:
        first.contains('org.codehaus.groovy.control.ResolveVisitor')
        !second.contains('org.codehaus.groovy.control.ResolveVisitor')
    }

    /** Loads the script named by its argument and prints its networks (without Groovy's formatting). */
    static class Loader {
        static void main(String[] args) {
            List<String> names = new ScriptLoader(new FakeEnv(files: ['/'])).load(Path.of(args[0]), []).networks()*.name()
            System.out.println(String.join(',', names))
        }
    }
}
