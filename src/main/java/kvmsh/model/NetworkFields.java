package kvmsh.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link NetworkDef} as flat text fields, in one place: what the host network driver's record
 * and the hook cache store (with a key prefix each), and what the host driver's digest is taken
 * over. A new network setting is added here and in its renderers (libvirt XML, dnsmasq, nft,
 * {@code :save}), nowhere else. Only JDK types: a hook reads its cache through this without Groovy.
 */
public final class NetworkFields {

    private NetworkFields() {
    }

    /**
     * The fields of {@code def}, in a fixed order; absent settings have no key.
     *
     * @param origins with where each statement is (the hook cache); without, for records and digests
     */
    public static Map<String, String> encode(NetworkDef def, boolean origins) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", def.name());
        p.put("mode", def.mode().name());
        optional(p, "cidr", def.cidr());
        optional(p, "gateway", def.gateway());
        p.put("prefix", String.valueOf(def.prefix()));
        p.put("bridge", def.bridge());
        p.put("stp", String.valueOf(def.stp()));
        p.put("delay", String.valueOf(def.forwardDelay()));
        p.put("autostart", String.valueOf(def.autostart()));
        p.put("driver", def.driver().name());
        if (def.dhcp() != null) {
            p.put("dhcp.start", def.dhcp().start());
            p.put("dhcp.end", def.dhcp().end());
            origin(p, "dhcp.", def.dhcp().origin(), origins);
        }
        p.put("hosts", String.valueOf(def.hosts().size()));
        for (int j = 0; j < def.hosts().size(); j++) {
            StaticHost h = def.hosts().get(j);
            String hk = "host." + j + ".";
            p.put(hk + "name", h.name());
            p.put(hk + "mac", h.mac());
            optional(p, hk + "ip", h.ip());
            optional(p, hk + "ip6", h.ip6());
            origin(p, hk, h.origin(), origins);
        }
        if (def.pxe() != null) {
            p.put("pxe.root", def.pxe().tftpRoot());
            p.put("pxe.file", def.pxe().bootFile());
            origin(p, "pxe.", def.pxe().origin(), origins);
        }
        Ipv6Def v6 = def.ipv6();
        if (v6 != null) {
            p.put("ipv6.cidr", v6.cidr());
            p.put("ipv6.gateway", v6.gateway());
            p.put("ipv6.prefix", String.valueOf(v6.prefix()));
            origin(p, "ipv6.", v6.origin(), origins);
            if (v6.dhcp() != null) {
                p.put("ipv6.dhcp.start", v6.dhcp().start());
                p.put("ipv6.dhcp.end", v6.dhcp().end());
                origin(p, "ipv6.dhcp.", v6.dhcp().origin(), origins);
            }
        }
        optional(p, "domain", def.domain());
        if (!def.forwards().isEmpty()) {
            p.put("forwards", String.valueOf(def.forwards().size()));
            for (int j = 0; j < def.forwards().size(); j++) {
                PortForward f = def.forwards().get(j);
                String fk = "forward." + j + ".";
                p.put(fk + "proto", f.proto());
                p.put(fk + "port", String.valueOf(f.port()));
                p.put(fk + "to", f.target());
                p.put(fk + "toPort", String.valueOf(f.toPort()));
                p.put(fk + "ip", f.address());
                origin(p, fk, f.origin(), origins);
            }
        }
        origin(p, "", def.origin(), origins);
        return p;
    }

    /**
     * The network {@link #encode} wrote.
     *
     * @param get a field by key, null when absent
     * @throws IllegalArgumentException when a required field is missing or malformed
     */
    public static NetworkDef decode(Function<String, String> get) {
        DhcpRange dhcp = get.apply("dhcp.start") == null ? null
                : new DhcpRange(req(get, "dhcp.start"), req(get, "dhcp.end"), origin(get, "dhcp."));
        List<StaticHost> hosts = new ArrayList<>();
        for (int j = 0; j < Integer.parseInt(req(get, "hosts")); j++) {
            String hk = "host." + j + ".";
            hosts.add(new StaticHost(req(get, hk + "name"), req(get, hk + "mac"), get.apply(hk + "ip"), get.apply(hk + "ip6"),
                    origin(get, hk)));
        }
        PxeDef pxe = get.apply("pxe.root") == null ? null
                : new PxeDef(req(get, "pxe.root"), req(get, "pxe.file"), origin(get, "pxe."));
        return new NetworkDef(req(get, "name"), NetworkMode.valueOf(req(get, "mode")), get.apply("cidr"),
                get.apply("gateway"), Integer.parseInt(req(get, "prefix")), req(get, "bridge"),
                Boolean.parseBoolean(req(get, "stp")), Integer.parseInt(req(get, "delay")), dhcp, hosts,
                Boolean.parseBoolean(req(get, "autostart")), pxe, NetworkDef.Driver.valueOf(req(get, "driver")),
                origin(get, ""), ipv6(get), get.apply("domain"), forwards(get));
    }

    private static List<PortForward> forwards(Function<String, String> get) {
        List<PortForward> out = new ArrayList<>();
        int n = get.apply("forwards") == null ? 0 : Integer.parseInt(get.apply("forwards"));
        for (int j = 0; j < n; j++) {
            String fk = "forward." + j + ".";
            out.add(new PortForward(req(get, fk + "proto"), Integer.parseInt(req(get, fk + "port")), req(get, fk + "to"),
                    Integer.parseInt(req(get, fk + "toPort")), req(get, fk + "ip"), origin(get, fk)));
        }
        return out;
    }

    private static Ipv6Def ipv6(Function<String, String> get) {
        if (get.apply("ipv6.cidr") == null) {
            return null;
        }
        DhcpRange dhcp = get.apply("ipv6.dhcp.start") == null ? null
                : new DhcpRange(req(get, "ipv6.dhcp.start"), req(get, "ipv6.dhcp.end"), origin(get, "ipv6.dhcp."));
        return new Ipv6Def(req(get, "ipv6.cidr"), req(get, "ipv6.gateway"), Integer.parseInt(req(get, "ipv6.prefix")), dhcp,
                origin(get, "ipv6."));
    }

    private static void optional(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static String req(Function<String, String> get, String key) {
        String v = get.apply(key);
        if (v == null) {
            throw new IllegalArgumentException("network fields lack " + key);
        }
        return v;
    }

    private static void origin(Map<String, String> p, String prefix, Origin o, boolean origins) {
        if (origins) {
            p.put(prefix + "origin", originText(o));
        }
    }

    /** An origin as one field's text (file, line and column on lines of their own). */
    public static String originText(Origin o) {
        return o.file() + "\n" + o.line() + "\n" + o.column();
    }

    /** The origin {@link #originText} wrote. */
    public static Origin parseOrigin(String text) {
        String[] parts = text.split("\n", -1);
        return new Origin(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    private static Origin origin(Function<String, String> get, String prefix) {
        String text = get.apply(prefix + "origin");
        if (text == null) {
            return Origin.UNKNOWN;
        }
        return parseOrigin(text);
    }
}
