package kvmsh.hostnet

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import kvmsh.host.CommandRunner
import kvmsh.host.ProcessRunner

/**
 * Network namespaces for the real-host specs, so nothing ever touches the machine's own network:
 * every namespace made here is deleted by {@link #close}, after killing every dnsmasq whose
 * command line names this fixture's run directory (and only those).
 */
class Namespaces implements AutoCloseable {

    static final String PREFIX = 'kvmsh-t-hostnet-'

    final ProcessRunner host = new ProcessRunner()
    final String id = UUID.randomUUID().toString().take(8)
    final Path runRoot = Files.createTempDirectory('kvmsh-hostnet-')
    final RunDirectory run = new RunDirectory(runRoot)
    private final List<String> made = []

    /** Creates namespace {@code PREFIX + id + suffix} and returns its name. */
    String add(String suffix = '') {
        String ns = PREFIX + id + suffix
        host.check('ip', 'netns', 'add', ns)
        made << ns
        ns
    }

    /** A runner whose every command runs inside {@code ns}. */
    CommandRunner inside(String ns) {
        assert ns in made, 'only namespaces this fixture made'
        host.inNetns(ns)
    }

    /** Pids of the dnsmasq processes started for this fixture's run directory. */
    List<Long> dnsmasqPids() {
        Files.list(Path.of('/proc')).withCloseable { procs ->
            procs.filter { it.fileName.toString().isLong() }
                    .collect { p ->
                        try {
                            List<String> args = new String(Files.readAllBytes(p.resolve('cmdline')), 'UTF-8').split('\0') as List
                            args && args[0].endsWith('dnsmasq') && args.any { it.contains(runRoot.toString()) }
                                    ? p.fileName.toString().toLong() : null
                        } catch (IOException ignored) {
                            null
                        }
                    }
                    .findAll { it != null }
        }
    }

    /** Names of the bridges in {@code ns}. */
    List<String> bridges(String ns) {
        json(inside(ns).check('ip', '-json', 'link', 'show', 'type', 'bridge').stdout()).collect { it.ifname }
    }

    /** Chain name → rule count of kvmsh's table ({@code inet}, or {@code family}) in {@code ns}; null when there is no such table. */
    Map<String, Integer> kvmshChains(String ns, String family = 'inet') {
        def r = inside(ns).run('nft', '-j', 'list', 'table', family, 'kvmsh')
        if (!r.ok()) {
            assert r.stderr().contains('No such file or directory')
            return null
        }
        def items = new JsonSlurper().parseText(r.stdout()).nftables
        Map<String, Integer> chains = [:]
        items.findAll { it.chain }.each { chains[it.chain.name] = 0 }
        items.findAll { it.rule }.each { chains[it.rule.chain]++ }
        chains
    }

    static List json(String text) {
        text.isBlank() ? [] : new JsonSlurper().parseText(text) as List
    }

    @Override
    void close() {
        dnsmasqPids().each { host.run('kill', '-KILL', it.toString()) }
        made.reverseEach { host.run('ip', 'netns', 'del', it) }
        if (Files.exists(runRoot)) {
            Files.walk(runRoot).withCloseable { w -> w.sorted(Comparator.reverseOrder()).each { Files.deleteIfExists(it) } }
        }
    }
}
