package kvmsh.libvirt;

import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Edits one {@code <interface>} of a domain for a live device update. */
final class InterfaceXml {

    private InterfaceXml() {
    }

    /**
     * The {@code <interface>} number {@code index} (document order) moved to libvirt network
     * {@code network}, or to host bridge {@code bridge}: same MAC and model (libvirt matches the
     * device by MAC, and keeps the tap), new type and source.
     */
    static String retarget(String domainXml, int index, String network, String bridge) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(domainXml)));
            NodeList ifaces = doc.getElementsByTagName("interface");
            if (index < 0 || index >= ifaces.getLength()) {
                throw new IllegalArgumentException("no NIC " + index + " (the vm has " + ifaces.getLength() + ")");
            }
            Element iface = (Element) ifaces.item(index);
            iface.setAttribute("type", network != null ? "network" : "bridge");
            Element source = child(iface, "source");
            if (source != null) {
                iface.removeChild(source);
            }
            source = doc.createElement("source");
            source.setAttribute(network != null ? "network" : "bridge", network != null ? network : bridge);
            iface.insertBefore(source, iface.getFirstChild());
            return write(iface);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot edit domain XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String write(Node node) throws Exception {
        var t = TransformerFactory.newDefaultInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(node), new StreamResult(w));
        return w.toString();
    }
}
