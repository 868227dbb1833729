package kvmsh.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
                owner(root), ranges, hosts);
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
        return new DomainFacts(text(root, "name"), text(root, "uuid"), owner(root), interfaces);
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
        for (Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Ownership.NAMESPACE.equals(e.getNamespaceURI())) {
                switch (e.getLocalName()) {
                    case "tap" -> taps.add(e.getAttribute("name"));
                    case "volume" -> volumes.add(new Ownership.VolumeRef(e.getAttribute("pool"), e.getAttribute("name")));
                    default -> { /* written by a newer kvmsh: ignore */ }
                }
            }
        }
        return Optional.of(new Ownership(owner.getAttribute("script"), owner.getAttribute("digest"), taps, volumes));
    }

    private static Element parse(String xml, String rootName) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // libvirt never sends a DTD; refusing one rules out entity expansion tricks.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error] …" to stderr before throwing: throw only.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (!rootName.equals(root.getLocalName())) {
                throw new IllegalArgumentException("expected <" + rootName + "> XML from libvirt, got <"
                        + root.getLocalName() + ">");
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cannot parse libvirt " + rootName + " XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> elements(Element context, String path) {
        try {
            NodeList nodes = (NodeList) xpath().evaluate(path, context, XPathConstants.NODESET);
            List<Element> result = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                result.add((Element) nodes.item(i));
            }
            return result;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("bad XPath " + path, e);
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

    // XPath objects are not thread-safe and cheap to make: one per evaluation.
    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }
}
