package kvmsh.hostnet

import groovy.json.JsonOutput
import kvmsh.host.CommandResult
import kvmsh.host.CommandRunner

/**
 * A host for {@link HostNetworkDriver}'s fast spec: records every command (argument list, and
 * stdin where given) and answers those {@code kvmsh.hostnet} runs from a small in-memory model of
 * links, sysctls, kvmsh's nft tables and dnsmasq starts, in the JSON shapes iproute2 and nft print.
 * A command it does not know throws {@link AssertionError}, so the driver cannot start running
 * something new without this double (and its spec) knowing.
 * <p>
 * No process is started, so no dnsmasq is ever alive: its start is recorded, and the driver's own
 * check of {@code /proc/PID/cmdline} then finds none (the end-to-end spec covers a live one).
 */
class RecordingHost implements CommandRunner {

    /** One link: kind is 'bridge' or 'tun' (a tap). */
    static class Link {
        String kind
        String master
        String alias
        boolean up
        List<String> addrs = []
        int stp = 0
        int delay = 1500
    }

    final List<List<String>> commands = []
    final Map<List<String>, String> stdins = [:]
    final Map<String, Link> links = [:]
    final Map<String, String> sysctls = ['net.ipv4.ip_forward': '0', 'net/ipv6/conf/all/disable_ipv6': '0']
    /** family -> chain -> rule lines; a family present means its kvmsh table exists. */
    final Map<String, Map<String, List<String>>> nft = [:]
    final List<String> dnsmasqStarts = []
    /** Listening sockets on port 53 as {@code ss -H -l -n -t -u} prints them (other programs' DNS servers). */
    final List<String> port53 = []
    /** Commands (joined by spaces) whose next run fails with exit 2. */
    final Set<String> failing = []

    @Override
    CommandResult run(List<String> command) {
        run(command, null)
    }

    @Override
    CommandResult run(List<String> command, String stdin) {
        List<String> cmd = List.copyOf(command)
        commands << cmd
        if (stdin != null) {
            stdins[cmd] = stdin
        }
        String joined = cmd.join(' ')
        if (failing.any { joined.startsWith(it) }) {
            return result(cmd, 2, '', "RTNETLINK answers: Operation not permitted (failed on purpose)\n")
        }
        answer(cmd, stdin)
    }

    /** Commands run so far, each joined by spaces. */
    List<String> lines() {
        commands.collect { it.join(' ') }
    }

    Link bridge(String name, String alias) {
        links[name] = new Link(kind: 'bridge', alias: alias, up: true)
    }

    private CommandResult answer(List<String> c, String stdin) {
        switch (c) {
            case { it == ['ip', '-force', '-json', '-details', '-batch', '-'] }:
                return batch(c, stdin)
            case { it.take(2) == ['ip', 'link'] || it.take(2) == ['ip', 'addr'] || it.take(2) == ['ip', 'tuntap'] }:
                return ipChange(c)
            case { it.take(4) == ['ip', '-json', 'link', 'show'] }:
                return showMaster(c)
            case { it == ['ss', '-H', '-l', '-n', '-t', '-u', 'sport', '=', ':53'] }:
                return result(c, 0, port53.collect { it + '\n' }.join(''), '')
            case { it[0] == 'sysctl' }:
                return sysctl(c)
            case { it == ['nft', '-f', '-'] }:
                nftLoad(stdin)
                return result(c, 0, '', '')
            case { it.take(3) == ['nft', 'list', 'table'] && it.size() == 5 }:
                return nftList(c, c[3])
            case { it == ['nft', '-j', 'list', 'tables'] }:
                return nftTables(c)
            case { it.take(4) == ['nft', '-j', 'list', 'table'] && it.size() == 6 }:
                return nftJson(c, c[4])
            case { it.size() == 2 && it[0] == 'dnsmasq' && it[1].startsWith('--conf-file=') }:
                dnsmasqStarts << c[1].substring('--conf-file='.length())
                return result(c, 0, '', '')
        }
        throw new AssertionError("RecordingHost does not know this command: ${c.join(' ')}")
    }

    private CommandResult batch(List<String> c, String stdin) {
        StringBuilder out = new StringBuilder()
        StringBuilder err = new StringBuilder()
        stdin.readLines().findAll { it }.each { line ->
            def m = line =~ /^addr show dev (\S+)$/
            if (!m.matches()) {
                throw new AssertionError("RecordingHost does not know this ip batch line: $line")
            }
            String name = m.group(1)
            if (links[name]) {
                out << JsonOutput.toJson([json(name, true)]) << '\n'
            } else {
                err << "Device \"$name\" does not exist.\nCommand failed -:1\n"
            }
        }
        result(c, err ? 1 : 0, out.toString(), err.toString())
    }

    /** A link as {@code ip -json -details addr show} prints it (the fields kvmsh reads). */
    private Map json(String name, boolean details) {
        Link l = links[name]
        Map j = [ifindex: links.keySet().toList().indexOf(name) + 2, ifname: name,
                 flags  : l.up ? ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST'],
                 operstate: l.up ? 'UP' : 'DOWN']
        if (l.master) {
            j.master = l.master
        }
        if (l.alias) {
            j.ifalias = l.alias
        }
        if (details) {
            j.linkinfo = l.kind == 'bridge'
                    ? [info_kind: 'bridge', info_data: [forward_delay: l.delay, stp_state: l.stp]]
                    : [info_kind: 'tun', info_data: [type: 'tap']]
            j.addr_info = l.addrs.collect { a ->
                def (ip, prefix) = a.split('/')
                [family: 'inet', local: ip, prefixlen: prefix as int, scope: 'global']
            }
        }
        j
    }

    private CommandResult ipChange(List<String> c) {
        String s = c.join(' ')
        def m
        if ((m = s =~ /^ip link add name (\S+) type bridge forward_delay (\d+) stp_state ([01])$/).matches()) {
            links[m.group(1)] = new Link(kind: 'bridge', delay: m.group(2) as int, stp: m.group(3) as int)
        } else if ((m = s =~ /^ip tuntap add dev (\S+) mode tap$/).matches()) {
            links[m.group(1)] = new Link(kind: 'tun')
        } else if ((m = s =~ /^ip (?:tuntap del dev (\S+) mode tap|link del dev (\S+))$/).matches()) {
            String name = m.group(1) ?: m.group(2)
            if (!links.remove(name)) {
                return result(c, 1, '', "Cannot find device \"$name\"\n")
            }
            links.values().findAll { it.master == name }.each { it.master = null }
        } else if ((m = s =~ /^ip link set dev (\S+) (.+)$/).matches()) {
            Link l = links[m.group(1)]
            if (!l) {
                return result(c, 1, '', "Cannot find device \"${m.group(1)}\"\n")
            }
            String what = m.group(2)
            def kv
            if ((kv = what =~ /^alias (\S+)$/).matches()) {
                l.alias = kv.group(1)
            } else if (what == 'up') {
                l.up = true
            } else if (what == 'nomaster') {
                l.master = null
            } else if ((kv = what =~ /^master (\S+)( up)?$/).matches()) {
                if (links[kv.group(1)]?.kind != 'bridge') {
                    return result(c, 1, '', "Device does not exist\n")
                }
                l.master = kv.group(1)
                l.up |= kv.group(2) != null
            } else if ((kv = what =~ /^type bridge (forward_delay|stp_state) (\d+)$/).matches()) {
                l[kv.group(1) == 'stp_state' ? 'stp' : 'delay'] = kv.group(2) as int
            } else {
                throw new AssertionError("RecordingHost does not know this command: $s")
            }
        } else if ((m = s =~ /^ip addr (add|del) (\S+) dev (\S+)$/).matches()) {
            Link l = links[m.group(3)]
            if (!l) {
                return result(c, 1, '', "Cannot find device \"${m.group(3)}\"\n")
            }
            m.group(1) == 'add' ? l.addrs << m.group(2) : l.addrs.remove(m.group(2))
        } else {
            throw new AssertionError("RecordingHost does not know this command: $s")
        }
        result(c, 0, '', '')
    }

    private CommandResult showMaster(List<String> c) {
        if (c.size() == 4) {
            return result(c, 0, JsonOutput.toJson(links.keySet().collect { json(it, false) }) + '\n', '')
        }
        if (c.size() != 6 || c[4] != 'master') {
            throw new AssertionError("RecordingHost does not know this command: ${c.join(' ')}")
        }
        if (!links[c[5]]) {
            return result(c, 1, '', "Device \"${c[5]}\" does not exist.\n")
        }
        def ports = links.findAll { it.value.master == c[5] }.keySet().collect { json(it, false) }
        result(c, 0, JsonOutput.toJson(ports) + '\n', '')
    }

    private CommandResult sysctl(List<String> c) {
        if (c.size() == 3 && c[1] == '-n') {
            String key = c[2]
            String bridge = (key =~ /^net\/ipv6\/conf\/([^\/]+)\/disable_ipv6$/).with { it.matches() ? it.group(1) : null }
            if (bridge && bridge != 'all' && !links[bridge]) {
                return result(c, 255, '', "sysctl: cannot stat /proc/sys/$key: No such file or directory\n")
            }
            return result(c, 0, (sysctls[key] ?: '0') + '\n', '')
        }
        List<String> flags = c.subList(1, c.size() - 1)
        if (flags == ['-w'] || flags == ['-q', '-w']) {
            def (key, value) = c.last().split('=', 2)
            sysctls[key] = value
            return result(c, 0, flags.contains('-q') ? '' : "$key = $value\n", '')
        }
        throw new AssertionError("RecordingHost does not know this command: ${c.join(' ')}")
    }

    /** Loads a script of the shapes {@link NftRuleset} writes, as one transaction. */
    private void nftLoad(String script) {
        Map<String, Map<String, List<String>>> next = nft.collectEntries { f, chains ->
            [f, chains.collectEntries { n, r -> [n, new ArrayList<>(r)] }]
        }
        String family = null
        String chain = null
        script.readLines().collect { it.strip() }.findAll { it && !it.startsWith('#') }.each { line ->
            def m
            if (chain != null) {
                if (line == '}') {
                    chain = null
                } else {
                    next[family][chain] << line
                }
            } else if (family != null && (m = line =~ /^chain (\S+) \{$/).matches()) {
                chain = m.group(1)
                next[family].computeIfAbsent(chain) { [] }
            } else if (family != null && line == '}') {
                family = null
            } else if ((m = line =~ /^table (\S+) kvmsh \{$/).matches()) {
                family = m.group(1)
                next.computeIfAbsent(family) { [:] }
            } else if ((m = line =~ /^add table (\S+) kvmsh$/).matches()) {
                next.computeIfAbsent(m.group(1)) { [:] }
            } else if ((m = line =~ /^(add|flush|delete) chain (\S+) kvmsh (\S+)$/).matches()) {
                Map<String, List<String>> t = next[m.group(2)]
                assert t != null: "nft: no table ${m.group(2)} kvmsh for: $line"
                switch (m.group(1)) {
                    case 'add': t.computeIfAbsent(m.group(3)) { [] }; break
                    case 'flush': t[m.group(3)].clear(); break
                    default: t.remove(m.group(3))
                }
            } else if ((m = line =~ /^delete table (\S+) kvmsh$/).matches()) {
                assert next.remove(m.group(1)) != null: "nft: no table to delete: $line"
            } else {
                throw new AssertionError("RecordingHost does not know this nft line: $line")
            }
        }
        nft.clear()
        nft.putAll(next)
    }

    private CommandResult nftList(List<String> c, String family) {
        if (c[4] != 'kvmsh' || !nft.containsKey(family)) {
            return result(c, 1, '', "Error: No such file or directory; did you mean table 'kvmsh'?\n")
        }
        StringBuilder out = new StringBuilder("table $family kvmsh {\n")
        nft[family].each { name, rules ->
            out << "\tchain $name {\n"
            rules.each { out << "\t\t$it\n" }
            out << '\t}\n'
        }
        result(c, 0, out << '}\n' as String, '')
    }

    private CommandResult nftTables(List<String> c) {
        List items = [[metainfo: [version: '1.0.6', json_schema_version: 1]]]
        nft.keySet().eachWithIndex { family, i -> items << [table: [family: family, name: 'kvmsh', handle: i + 1]] }
        result(c, 0, JsonOutput.toJson([nftables: items]) + '\n', '')
    }

    private CommandResult nftJson(List<String> c, String family) {
        if (c[5] != 'kvmsh' || !nft.containsKey(family)) {
            return result(c, 1, '', "Error: No such file or directory; did you mean table 'kvmsh'?\n")
        }
        List items = [[metainfo: [version: '1.0.6', json_schema_version: 1]],
                      [table: [family: family, name: 'kvmsh', handle: 1]]]
        nft[family].keySet().eachWithIndex { name, i ->
            items << [chain: [family: family, table: 'kvmsh', name: name, handle: i + 2]]
        }
        result(c, 0, JsonOutput.toJson([nftables: items]) + '\n', '')
    }

    private static CommandResult result(List<String> c, int code, String out, String err) {
        new CommandResult(c, code, out, err)
    }
}
