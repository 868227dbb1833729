package kvmsh.plan;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import kvmsh.model.DhcpRange;
import kvmsh.model.DiskDef;
import kvmsh.model.Ipv4;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.NicDef;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;

/**
 * The settings a plan step changes, as named text before and after ({@code memory: 256 MiB → 512
 * MiB}). The "after" side comes from the declaration; the "before" side from what the host has:
 * its persistent XML for VMs and networks (read here with the JDK's parser, so {@code plan} needs
 * nothing from the backend) and the DHCP settings the snapshot already holds. Both sides are
 * written the same way, so a field whose text is equal did not change.
 */
public final class Fields {

    /** One setting of a step: its text on the host (null: not there yet) and as declared (null: gone). */
    public record Change(String name, String before, String after) {
        public boolean changed() {
            return before == null ? after != null : !before.equals(after);
        }
    }

    private Fields() {
    }

    /** The settings {@code step} touches, in a stable order; empty for steps that change no setting. */
    public static List<Change> of(Action step) {
        if (step instanceof Action.DefineDomain d) {
            return pair(vm(d.def()), d.previous() == null ? null : domainXml(d.previous().xml()));
        }
        if (step instanceof Action.DefineNetwork n) {
            return pair(network(n.def()), n.previous() == null ? null : network(n.previous()));
        }
        if (step instanceof Action.UpdateNetworkDhcp u) {
            Map<String, String> after = new LinkedHashMap<>();
            after.put("dhcp", range(u.def().dhcp()));
            after.put("hosts", hosts(u.def().hosts()));
            Map<String, String> before = new LinkedHashMap<>();
            before.put("dhcp", range(u.previous().dhcp()));
            before.put("hosts", hosts(u.previous().hosts()));
            return pair(after, before);
        }
        if (step instanceof Action.UpdateNetworkForwards u) {
            return pair(Map.of("forwards", forwards(u.def().forwards())), Map.of("forwards", forwards(u.previous().forwards())));
        }
        return List.of();
    }

    /** Only the settings whose text differs: what a redefinition changes. */
    public static List<Change> changed(Action step) {
        return of(step).stream().filter(Change::changed).toList();
    }

    private static List<Change> pair(Map<String, String> after, Map<String, String> before) {
        List<Change> out = new ArrayList<>();
        after.forEach((k, v) -> out.add(new Change(k, before == null ? null : before.getOrDefault(k, "none"), v)));
        if (before != null) {
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    out.add(new Change(k, v, null));
                }
            });
        }
        return out;
    }

    static Map<String, String> vm(VmDef vm) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", vm.virtType());
        f.put("os", vm.os() == null ? "none" : vm.os());
        f.put("memory", vm.memoryMiB() + " MiB");
        f.put("cpus", String.valueOf(vm.cpus()));
        f.put("disks", list(vm.disks().stream().map(Fields::disk).toList()));
        f.put("nics", list(vm.nics().stream().map(Fields::nic).toList()));
        f.put("boot", vm.kernel() != null ? "kernel " + vm.kernel().kernel() : list(vm.boot()));
        f.put("graphics", vm.graphics() == null ? "none" : vm.graphics().type());
        return f;
    }

    private static String disk(DiskDef d) {
        String where = d.isNewVolume() ? d.pool() + "/" + d.volume() : d.path() == null ? "empty" : d.path();
        return d.target() + (d.device() == DiskDef.Device.CDROM ? " cdrom " : " ") + where;
    }

    private static String nic(NicDef n) {
        String what = switch (n.kind()) {
            case NETWORK -> "network " + n.network();
            case BRIDGE -> "bridge " + n.bridge();
            case TAP -> "tap " + n.tap();
        };
        return what + (n.model() == null ? "" : " " + n.model());
    }

    /** The same settings read from a domain's persistent XML; empty when the XML cannot be read. */
    static Map<String, String> domainXml(String xml) {
        Map<String, String> f = new LinkedHashMap<>();
        Element root = parse(xml);
        if (root == null) {
            return f;
        }
        f.put("type", root.getAttribute("type"));
        Element os = null;
        NodeList osIds = root.getElementsByTagNameNS("*", "os");
        for (int i = 0; i < osIds.getLength(); i++) {
            Element e = (Element) osIds.item(i);
            if (e.hasAttribute("id")) {
                os = e;
            }
        }
        f.put("os", os == null ? "none" : os.getAttribute("id"));
        Element memory = child(root, "memory");
        if (memory != null) {
            f.put("memory", mib(memory.getTextContent().trim(), memory.getAttribute("unit")) + " MiB");
        }
        Element vcpu = child(root, "vcpu");
        f.put("cpus", vcpu == null ? "1" : vcpu.getTextContent().trim());
        Element devices = child(root, "devices");
        List<String> disks = new ArrayList<>();
        List<String> nics = new ArrayList<>();
        String graphics = "none";
        for (Element e : children(devices)) {
            switch (e.getTagName()) {
                case "disk" -> disks.add(diskXml(e));
                case "interface" -> nics.add(nicXml(e));
                case "graphics" -> graphics = graphics.equals("none") ? e.getAttribute("type") : graphics;
                default -> { }
            }
        }
        f.put("disks", list(disks));
        f.put("nics", list(nics));
        Element osBlock = children(root).stream().filter(e -> e.getTagName().equals("os")).findFirst().orElse(null);
        Element kernel = child(osBlock, "kernel");
        f.put("boot", kernel != null ? "kernel " + kernel.getTextContent().trim()
                : list(children(osBlock).stream().filter(e -> e.getTagName().equals("boot"))
                        .map(e -> e.getAttribute("dev")).toList()));
        f.put("graphics", graphics);
        return f;
    }

    private static String diskXml(Element disk) {
        Element source = child(disk, "source");
        Element target = child(disk, "target");
        String where = source == null ? "empty"
                : source.hasAttribute("volume") ? source.getAttribute("pool") + "/" + source.getAttribute("volume")
                : source.getAttribute("file");
        return (target == null ? "?" : target.getAttribute("dev"))
                + ("cdrom".equals(disk.getAttribute("device")) ? " cdrom " : " ") + where;
    }

    private static String nicXml(Element iface) {
        Element source = child(iface, "source");
        Element target = child(iface, "target");
        Element model = child(iface, "model");
        String what = switch (iface.getAttribute("type")) {
            case "network" -> "network " + (source == null ? "?" : source.getAttribute("network"));
            case "bridge" -> "bridge " + (source == null ? "?" : source.getAttribute("bridge"));
            default -> "tap " + (target == null ? "?" : target.getAttribute("dev"));
        };
        return what + (model == null ? "" : " " + model.getAttribute("type"));
    }

    private static long mib(String value, String unit) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
        return switch (unit == null || unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> v / (1024 * 1024);
            case "k", "KiB" -> v / 1024;
            case "KB" -> v * 1000 / (1024 * 1024);
            case "M", "MiB" -> v;
            case "MB" -> v * 1000 * 1000 / (1024 * 1024);
            case "G", "GiB" -> v * 1024;
            case "GB" -> v * 1000 * 1000 * 1000 / (1024 * 1024);
            case "T", "TiB" -> v * 1024 * 1024;
            default -> v / 1024;
        };
    }

    static Map<String, String> network(NetworkDef def) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("mode", def.mode().keyword());
        f.put("subnet", def.cidr() == null ? "none" : def.cidr());
        if (def.ipv6() != null) {
            f.put("ipv6", def.ipv6().cidr() + " gateway " + def.ipv6().gateway()
                    + (def.ipv6().dhcp() == null ? "" : ", dhcp6 " + range(def.ipv6().dhcp())));
        }
        if (def.domain() != null) {
            f.put("domain", def.domain());
        }
        f.put("bridge", def.bridge());
        if (def.ownsBridge()) {
            f.put("pxe", def.pxe() == null ? "none" : def.pxe().bootFile() + " from " + def.pxe().tftpRoot());
            f.put("dhcp", range(def.dhcp()));
            f.put("hosts", hosts(def.hosts()));
            f.put("forwards", forwards(def.forwards()));
        }
        return f;
    }

    /** A network as the host has it: the mode, subnet and bridge from its XML, DHCP from the snapshot. */
    static Map<String, String> network(NetworkState s) {
        Map<String, String> f = new LinkedHashMap<>();
        Element root = parse(s.xml());
        Element forward = child(root, "forward");
        String mode = forward == null ? NetworkMode.ISOLATED.keyword()
                : switch (forward.getAttribute("mode")) {
                    case "nat" -> NetworkMode.NAT.keyword();
                    case "route" -> NetworkMode.ROUTED.keyword();
                    // kvmsh's NAT with port forwards: libvirt adds no rules, kvmsh's nft table has them.
                    case "open" -> NetworkMode.NAT.keyword();
                    case "bridge" -> NetworkMode.BRIDGE.keyword();
                    default -> forward.getAttribute("mode");
                };
        f.put("mode", mode);
        Element ip = children(root).stream().filter(e -> e.getTagName().equals("ip") && !"ipv6".equals(e.getAttribute("family")))
                .findFirst().orElse(null);
        f.put("subnet", ip == null ? "none" : subnet(ip));
        Element ip6 = children(root).stream().filter(e -> e.getTagName().equals("ip") && "ipv6".equals(e.getAttribute("family")))
                .findFirst().orElse(null);
        if (ip6 != null) {
            Element range6 = child(child(ip6, "dhcp"), "range");
            String gw = kvmsh.model.Ipv6.canonical(ip6.getAttribute("address"));
            var net = gw == null ? null : kvmsh.model.Ipv6.address(gw).orElseThrow()
                    .shiftRight(64).shiftLeft(64);
            f.put("ipv6", (net == null ? ip6.getAttribute("address") : kvmsh.model.Ipv6.format(net)) + "/"
                    + ip6.getAttribute("prefix") + " gateway " + gw
                    + (range6 == null ? "" : ", dhcp6 " + range6.getAttribute("start") + ".." + range6.getAttribute("end")));
        }
        Element domain = child(root, "domain");
        if (domain != null) {
            f.put("domain", domain.getAttribute("name"));
        }
        f.put("bridge", s.bridge());
        if (!mode.equals(NetworkMode.BRIDGE.keyword())) {
            Element tftp = child(ip, "tftp");
            Element bootp = child(child(ip, "dhcp"), "bootp");
            f.put("pxe", tftp == null ? "none" : (bootp == null ? "?" : bootp.getAttribute("file")) + " from "
                    + tftp.getAttribute("root"));
            f.put("dhcp", range(s.dhcp()));
            f.put("hosts", hosts(s.hosts()));
            f.put("forwards", forwards(s.forwards()));
        }
        return f;
    }

    private static String subnet(Element ip) {
        OptionalLong address = Ipv4.address(ip.getAttribute("address"));
        int prefix;
        try {
            prefix = Integer.parseInt(ip.getAttribute("prefix"));
        } catch (NumberFormatException e) {
            return ip.getAttribute("address") + "/" + ip.getAttribute("netmask");
        }
        if (address.isEmpty() || prefix < 0 || prefix > 32) {
            return ip.getAttribute("address") + "/" + prefix;
        }
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Ipv4.format(address.getAsLong() & mask) + "/" + prefix;
    }

    /** {@code tcp 2222 → web:22 (10.0.0.5), …}, or {@code none}. */
    private static String forwards(List<kvmsh.model.PortForward> forwards) {
        return forwards.isEmpty() ? "none" : String.join(", ", forwards.stream().map(kvmsh.model.PortForward::describe).toList());
    }

    private static String range(DhcpRange r) {
        return r == null ? "none" : r.start() + ".." + r.end();
    }

    private static String hosts(List<StaticHost> hosts) {
        return list(hosts.stream().map(h -> (h.name() == null ? h.mac() : h.name()) + " " + h.ip()).sorted().toList());
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    /** Whether a domain XML has an interface on libvirt network {@code network}. */
    static boolean hasNicOn(String domainXml, String network) {
        for (Element nic : children(child(parse(domainXml), "devices"))) {
            Element source = child(nic, "source");
            if (nic.getTagName().equals("interface") && "network".equals(nic.getAttribute("type"))
                    && source != null && network.equals(source.getAttribute("network"))) {
                return true;
            }
        }
        return false;
    }

    private static Element parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            return doc.getDocumentElement();
        } catch (Exception e) {
            return null;
        }
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
