package kvmsh.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import kvmsh.plan.Ownership;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the facts kvmsh needs back out of libvirt's XML (as returned by {@code getXMLDesc}).
 * Parsing is namespace-aware, so our metadata is found by {@link Ownership#NAMESPACE} whatever
 * prefix libvirt writes it with.
 */
public final class LibvirtXml {

    private LibvirtXml() {
    }

    /** Facts of a {@code <network>} document. */
    public static NetworkFacts network(String xml) {
        Element root = parse(xml, "network");
        List<NetworkFacts.Range> ranges = new ArrayList<>();
        List<NetworkFacts.Host> hosts = new ArrayList<>();
        // The first IPv4 <ip> (family absent or 'ipv4') is the one kvmsh renders and libvirt's
        // virNetworkUpdate picks with parentIndex -1.
        Element ip = element(root, "ip[not(@family) or @family='ipv4'][1]");
        if (ip != null) {
            for (Element r : elements(ip, "dhcp/range")) {
                ranges.add(new NetworkFacts.Range(attr(r, "start"), attr(r, "end")));
            }
            for (Element h : elements(ip, "dhcp/host")) {
                hosts.add(new NetworkFacts.Host(attr(h, "mac"), attr(h, "name"), attr(h, "ip")));
            }
        }
        return new NetworkFacts(text(root, "name"), text(root, "uuid"), attr(element(root, "bridge"), "name"),
                attr(element(root, "mac"), "address"), owner(root), ranges, hosts, forwards(root));
    }

    /** The port forwards kvmsh wrote into a network's {@code <metadata>} ({@code <kvmsh:forward …/>}), in order. */
    static List<kvmsh.model.PortForward> forwards(Element root) {
        List<kvmsh.model.PortForward> out = new ArrayList<>();
        for (Element metadata : elements(root, "metadata")) {
            NodeList found = metadata.getElementsByTagNameNS(Ownership.NAMESPACE, "forward");
            for (int i = 0; i < found.getLength(); i++) {
                Element f = (Element) found.item(i);
                try {
                    out.add(new kvmsh.model.PortForward(f.getAttribute("proto"), Integer.parseInt(f.getAttribute("port")),
                            f.getAttribute("to"), Integer.parseInt(f.getAttribute("toPort")), f.getAttribute("address"),
                            kvmsh.model.Origin.UNKNOWN));
                } catch (NumberFormatException e) {
                    // Not what kvmsh writes: no forward of ours (the next plan puts the declared ones back).
                }
            }
        }
        return out;
    }

    /** Facts of a {@code <domain>} document. */
    public static DomainFacts domain(String xml) {
        Element root = parse(xml, "domain");
        List<DomainFacts.Interface> interfaces = new ArrayList<>();
        for (Element i : elements(root, "devices/interface")) {
            interfaces.add(new DomainFacts.Interface(
                    attr(i, "type"),
                    attr(element(i, "source"), "network"),
                    attr(element(i, "source"), "bridge"),
                    attr(element(i, "target"), "dev"),
                    attr(element(i, "mac"), "address")));
        }
        String seed = null;
        for (Element metadata : elements(root, "metadata")) {
            NodeList found = metadata.getElementsByTagNameNS(Seeds.NAMESPACE, "seed");
            if (found.getLength() > 0) {
                seed = ((Element) found.item(0)).getAttribute("instance-id");
            }
        }
        return new DomainFacts(text(root, "name"), text(root, "uuid"), owner(root), interfaces, seed);
    }

    /** The {@code <memory>} of a {@code <domain>} document in MiB (libvirt's unit attribute, KiB when absent), if any. */
    public static java.util.OptionalLong memoryMiB(String xml) {
        Element m = element(parse(xml, "domain"), "memory");
        if (m == null || m.getTextContent().isBlank()) {
            return java.util.OptionalLong.empty();
        }
        long n = Long.parseLong(m.getTextContent().trim());
        String unit = attr(m, "unit");
        long kib = switch (unit == null ? "KiB" : unit) {
            case "b", "bytes" -> n / 1024;
            case "KB" -> n * 1000 / 1024;
            case "k", "KiB" -> n;
            case "MB" -> n * 1000 * 1000 / 1024;
            case "M", "MiB" -> n * 1024;
            case "GB" -> n * 1000 * 1000 * 1000 / 1024;
            case "G", "GiB" -> n * 1024 * 1024;
            case "T", "TiB" -> n * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown memory unit " + unit);
        };
        return java.util.OptionalLong.of(kib / 1024);
    }

    /** The {@code <target dev>} of each {@code <disk>} of a {@code <domain>} document, in order. */
    public static List<String> diskTargets(String xml) {
        List<String> out = new ArrayList<>();
        for (Element d : elements(parse(xml, "domain"), "devices/disk[@device='disk']/target")) {
            out.add(attr(d, "dev"));
        }
        return out;
    }

    /** The text of {@code path} below the root element {@code rootName} of {@code xml}, or null. */
    public static String text(String xml, String rootName, String path) {
        return text(parse(xml, rootName), path);
    }

    /** The {@code <target><format type>} of a {@code <volume>} document, or null. */
    public static String volumeFormat(String xml) {
        return attr(element(parse(xml, "volume"), "target/format"), "type");
    }

    /** An attribute of the root element {@code rootName} of {@code xml}, or null. */
    public static String rootAttribute(String xml, String rootName, String attribute) {
        return attr(parse(xml, rootName), attribute);
    }

    /** The {@code <target><path>} of a {@code <pool>} document, or null. */
    public static String poolPath(String xml) {
        return text(parse(xml, "pool"), "target/path");
    }

    /** kvmsh's {@code <metadata>} of any libvirt object's root element. */
    static Optional<Ownership> owner(Element root) {
        Element owner = null;
        for (Element metadata : elements(root, "metadata")) {
            NodeList found = metadata.getElementsByTagNameNS(Ownership.NAMESPACE, "owner");
            if (found.getLength() > 0) {
                owner = (Element) found.item(0);
            }
        }
        if (owner == null) {
            return Optional.empty();
        }
        List<String> taps = new ArrayList<>();
        List<Ownership.VolumeRef> volumes = new ArrayList<>();
        List<Ownership.VolumeRef> kept = new ArrayList<>();
        for (Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Ownership.NAMESPACE.equals(e.getNamespaceURI())) {
                switch (e.getLocalName()) {
                    case "tap" -> taps.add(e.getAttribute("name"));
                    case "volume" -> {
                        Ownership.VolumeRef v = new Ownership.VolumeRef(e.getAttribute("pool"), e.getAttribute("name"));
                        volumes.add(v);
                        if ("true".equals(e.getAttribute("protect"))) {
                            kept.add(v);
                        }
                    }
                    default -> { /* written by a newer kvmsh: ignore */ }
                }
            }
        }
        String project = owner.hasAttribute("project") ? owner.getAttribute("project") : null;
        return Optional.of(new Ownership(owner.getAttribute("script"), owner.getAttribute("digest"), taps, volumes,
                project, "true".equals(owner.getAttribute("protect")), kept,
                owner.hasAttribute("login") ? owner.getAttribute("login") : null));
    }

    /** The local name of the root element of {@code xml}. */
    static String rootName(String xml) {
        return parse(xml, null).getLocalName();
    }

    /** The root element of {@code xml}, which must be {@code rootName} (for the importers). */
    static Element root(String xml, String rootName) {
        return parse(xml, rootName);
    }

    /** The {@code <source file>} of every disk and CD-ROM of a {@code <domain>} document. */
    public static List<String> diskFiles(String xml) {
        List<String> out = new ArrayList<>();
        for (Element s : elements(parse(xml, "domain"), "devices/disk/source")) {
            String file = attr(s, "file");
            if (file != null) {
                out.add(file);
            }
        }
        return out;
    }

    private static Element parse(String xml, String rootName) {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(THROW_ONLY);
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (rootName != null && !rootName.equals(root.getLocalName())) {
                throw new IllegalArgumentException("expected <" + rootName + "> XML from libvirt, got <"
                        + root.getLocalName() + ">");
            }
            return root;
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("cannot parse libvirt " + rootName + " XML: " + e.getMessage(), e);
        }
    }

    // The default handler prints "[Fatal Error] …" to stderr before throwing: throw only.
    private static final DefaultHandler THROW_ONLY = new DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /*
     * Reading the host parses one document per domain and network, so a thousand VMs mean a
     * thousand parses. Making a DocumentBuilderFactory looks up the JAXP implementation (service
     * files, system properties) every time, which cost more than the parse itself: one builder per
     * thread, reset between documents (builders are reusable but not thread-safe).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            // libvirt never sends a DTD; refusing one rules out entity expansion tricks.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    });

    /** A path of plain child element names, like {@code devices/interface}: walked without XPath. */
    private static final Pattern CHILD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*(/[A-Za-z_][A-Za-z0-9_.-]*)*");

    private static List<Element> elements(Element context, String path) {
        if (CHILD_PATH.matcher(path).matches()) {
            // An XPath evaluation sets up a fresh XPathContext (large stacks, a DOM-to-DTM index of
            // the document) each time; for plain child steps walking the DOM gives the same nodes.
            List<Element> result = new ArrayList<>();
            children(context, path.split("/"), 0, result);
            return result;
        }
        try {
            NodeList nodes = (NodeList) XPATH.get().evaluate(path, context, XPathConstants.NODESET);
            List<Element> result = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                result.add((Element) nodes.item(i));
            }
            return result;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("bad XPath " + path, e);
        }
    }

    /**
     * Elements matching {@code steps[i..]} below {@code parent}, in document order. As in XPath, an
     * unprefixed name matches only elements in no namespace.
     */
    private static void children(Element parent, String[] steps, int i, List<Element> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && steps[i].equals(e.getLocalName())) {
                if (i == steps.length - 1) {
                    out.add(e);
                } else {
                    children(e, steps, i + 1, out);
                }
            }
        }
    }

    private static Element element(Element context, String path) {
        List<Element> found = elements(context, path);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element context, String path) {
        Element e = element(context, path);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The attribute's value, or null when the element or the attribute is absent. */
    private static String attr(Element e, String name) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    // XPath objects are not thread-safe, and making one looks up the implementation: one per thread.
    private static final ThreadLocal<XPath> XPATH = ThreadLocal.withInitial(() -> XPathFactory.newDefaultInstance().newXPath());
}
