package kvmsh.hostnet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import kvmsh.model.NetworkDef;
import kvmsh.model.PxeDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.StaticHost;

/**
 * Renders the dnsmasq config of one network. Each network gets its own dnsmasq, bound to its own
 * bridge and gateway address only, so it coexists with libvirt's dnsmasq and the system's.
 * Every value is checked ({@link Names}, {@link Subnet}) before it becomes an option line.
 */
public final class DnsmasqConfig {

    /** Lease time handed to guests (libvirt's default too). */
    public static final String LEASE_TIME = "1h";

    private final List<String> lines = new ArrayList<>();
    private final String network;

    private DnsmasqConfig(String network) {
        this.network = network;
    }

    /**
     * True when {@code def} wants a dnsmasq: a DHCP range or static hosts, or an IPv6 subnet (its
     * router advertisements are what SLAAC needs); bridged networks never do.
     */
    public static boolean wanted(NetworkDef def) {
        return def.mode() != NetworkMode.BRIDGE && (def.dhcp() != null || !def.hosts().isEmpty() || def.ipv6() != null);
    }

    /** At most this many DHCPv6 leases are counted for dhcp-lease-max: a /64 range would be 2^64. */
    static final long MAX_V6_LEASES = 65536;

    /** {@link #render(NetworkDef, RunDirectory, boolean)} with DNS on the gateway. */
    public static String render(NetworkDef def, RunDirectory run) {
        return render(def, run, true);
    }

    /**
     * The config for {@code def}, whose files live in {@code run}, serving the network boot it
     * declares ({@code pxe}), if any.
     *
     * @param dns serve DNS on the gateway; false renders DHCP only ({@code port=0}), for hosts where
     *            another DNS server (a system dnsmasq without {@code bind-interfaces}) holds port 53
     *            on every address
     */
    public static String render(NetworkDef def, RunDirectory run, boolean dns) {
        String name = Names.network(def.name());
        if (!wanted(def)) {
            throw new HostNetworkException("network '" + name + "' has no DHCP range, static hosts or IPv6: no dnsmasq");
        }
        Subnet subnet = Subnet.ofOptional(def);
        Subnet6 subnet6 = Subnet6.of(def);
        DnsmasqConfig c = new DnsmasqConfig(name);
        c.comment("dnsmasq for kvmsh network '" + name + "' (" + def.mode().keyword() + "); written by kvmsh, "
                + "do not edit");

        String user = systemUser();
        if (user != null) {
            c.comment("Runs as Debian's dnsmasq user (from dnsmasq-base), not the nobody other daemons share.");
            c.option("user", user);
        }

        c.comment("Listen on our bridge and gateway address only, never on lo or another dnsmasq's interface.");
        c.option("interface", Names.ifname(name, def.bridge()));
        c.option("bind-interfaces");
        c.option("except-interface", "lo");
        if (subnet != null) {
            c.option("listen-address", subnet.gatewayText());
        }
        if (subnet6 != null) {
            c.option("listen-address", subnet6.gatewayText());
        }

        if (dns) {
            c.comment("DNS: no /etc/hosts; " + (def.mode() == NetworkMode.ISOLATED
                    ? "a host-only network has no upstream, so no resolv.conf either."
                    : "upstream servers from the host's resolv.conf."));
            c.option("no-hosts");
            if (def.mode() == NetworkMode.ISOLATED) {
                c.option("no-resolv");
            }
            if (def.domain() != null) {
                String domain = Names.domain(name, def.domain());
                c.comment("Names: leased guests are NAME." + domain + ", static hosts are entries of their own;"
                        + " the domain is never asked upstream.");
                c.option("domain", domain);
                c.option("local", "/" + domain + "/");
                for (StaticHost h : def.hosts()) {
                    List<String> values = new ArrayList<>(List.of(Names.hostname(name, h.name()),
                            Names.hostname(name, h.name()) + "." + domain));
                    if (h.ip() != null) {
                        values.add(subnet.inside(h.ip(), "static host address"));
                    }
                    if (h.ip6() != null) {
                        values.add(subnet6.inside(h.ip6(), "static host IPv6 address"));
                    }
                    c.option("host-record", values.toArray(String[]::new));
                }
            }
        } else {
            c.comment("No DNS: another server holds port 53 on every address of this host.");
            c.option("port", "0");
        }

        c.comment("DHCP");
        c.option("dhcp-authoritative");
        long leases = 0;
        List<StaticHost> hosts4 = def.hosts().stream().filter(h -> h.ip() != null).toList();
        if (subnet != null && def.dhcp() != null) {
            String start = subnet.inside(def.dhcp().start(), "DHCP range start");
            String end = subnet.inside(def.dhcp().end(), "DHCP range end");
            leases += subnet.count(start, end);
            c.option("dhcp-range", start, end, subnet.netmask(), LEASE_TIME);
        } else if (subnet != null && !hosts4.isEmpty()) {
            // Static hosts only: dnsmasq still needs to know the subnet it serves.
            c.option("dhcp-range", subnet.base(), "static", subnet.netmask(), LEASE_TIME);
        }
        if (subnet6 != null) {
            c.comment("IPv6: router advertisements of " + subnet6.cidrText() + " (SLAAC)"
                    + (def.ipv6().dhcp() != null ? " and a DHCPv6 range beside them" : ""));
            c.option("enable-ra");
            if (def.ipv6().dhcp() != null) {
                String start = subnet6.inside(def.ipv6().dhcp().start(), "DHCPv6 range start");
                String end = subnet6.inside(def.ipv6().dhcp().end(), "DHCPv6 range end");
                leases += subnet6.count(start, end, MAX_V6_LEASES);
                // slaac: the advertisements keep the autonomous flag, so guests may use either.
                c.option("dhcp-range", start, end, "slaac", String.valueOf(subnet6.prefix()), LEASE_TIME);
            } else if (def.hosts().stream().anyMatch(h -> h.ip6() != null)) {
                c.option("dhcp-range", subnet6.base(), "static", "slaac", String.valueOf(subnet6.prefix()), LEASE_TIME);
            } else {
                c.option("dhcp-range", subnet6.base(), "ra-only", String.valueOf(subnet6.prefix()), LEASE_TIME);
            }
        }
        leases += def.hosts().size();
        c.option("dhcp-lease-max", String.valueOf(Math.max(leases, 1)));
        for (StaticHost h : def.hosts()) {
            List<String> values = new ArrayList<>(List.of(Names.mac(name, h.mac())));
            if (h.ip() != null) {
                values.add(subnet.inside(h.ip(), "static host address"));
            }
            if (h.ip6() != null) {
                values.add("[" + subnet6.inside(h.ip6(), "static host IPv6 address") + "]");
            }
            values.add(Names.hostname(name, h.name()));
            c.option("dhcp-host", values.toArray(String[]::new));
        }

        PxeDef pxe = def.pxe();
        if (pxe != null) {
            c.comment("Network boot");
            c.option("enable-tftp");
            c.option("tftp-root", Names.path(name, pxe.tftpRoot()));
            c.option("dhcp-boot", bootFile(name, pxe.bootFile()));
        }

        c.comment("Files of this network; the pid file is how kvmsh finds this dnsmasq again.");
        c.option("dhcp-leasefile", c.path(run.dnsmasqLeases(name).toString()));
        c.option("pid-file", c.path(run.dnsmasqPid(name).toString()));
        c.option("log-facility", c.path(run.dnsmasqLog(name).toString()));
        c.option("log-dhcp");
        return String.join("\n", c.lines) + "\n";
    }

    /** The dedicated user dnsmasq drops to. */
    static final String USER = "dnsmasq";

    private static volatile String systemUser;

    /**
     * {@value #USER} when the system has that user (Debian's {@code dnsmasq-base} makes it), else
     * null: dnsmasq then drops to its compiled-in default ({@code nobody}). Read once from
     * {@code /etc/passwd}.
     */
    static String systemUser() {
        String u = systemUser;
        if (u == null) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/etc/passwd"))) {
                u = lines.anyMatch(l -> l.startsWith(USER + ":")) ? USER : "";
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                u = "";
            }
            systemUser = u;
        }
        return u.isEmpty() ? null : u;
    }

    private static final Pattern BOOT_FILE = Pattern.compile("[A-Za-z0-9_.+/-]{1,255}");

    private static String bootFile(String network, String file) {
        if (file == null || !BOOT_FILE.matcher(file).matches()) {
            throw new HostNetworkException("network '" + network + "': boot file '" + file + "' is not a plain "
                    + "relative file name");
        }
        return file;
    }

    private String path(String p) {
        return Names.path(network, p);
    }

    private void comment(String text) {
        if (!lines.isEmpty()) {
            lines.add("");
        }
        lines.add("# " + text.replace('\n', ' '));
    }

    /** {@code key} or {@code key=v1,v2,…}; values were validated by the caller. */
    private void option(String key, String... values) {
        lines.add(values.length == 0 ? key : key + "=" + String.join(",", values));
    }
}
