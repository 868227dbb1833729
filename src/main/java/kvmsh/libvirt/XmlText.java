package kvmsh.libvirt;

import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link XmlNode} tree as text with two-space indentation and no XML declaration.
 * The StAX writer does all escaping, so names like {@code a&b<'"} come out well-formed.
 */
final class XmlText {

    private static final String INDENT = "  ";

    /*
     * newFactory() looks up the StAX implementation (service files, system properties) on every
     * call, which cost more than writing a domain. The JDK's factory keeps no per-writer state
     * unless asked to reuse instances, so one is shared.
     */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private XmlText() {
    }

    static String write(XmlNode root) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            write(xml, root, 0, null);
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            // Only reachable through a bug in the renderer (e.g. an invalid element name).
            throw new IllegalStateException("cannot render XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter xml, XmlNode node, int depth, String inheritedNs)
            throws XMLStreamException {
        if (depth > 0) {
            xml.writeCharacters("\n" + INDENT.repeat(depth));
        }
        boolean empty = node.children.isEmpty() && node.text == null;
        if (node.namespace != null) {
            if (empty) {
                xml.writeEmptyElement(node.prefix, node.name, node.namespace);
            } else {
                xml.writeStartElement(node.prefix, node.name, node.namespace);
            }
            if (!node.namespace.equals(inheritedNs)) {
                xml.writeNamespace(node.prefix, node.namespace);
            }
        } else if (empty) {
            xml.writeEmptyElement(node.name);
        } else {
            xml.writeStartElement(node.name);
        }
        for (Map.Entry<String, String> a : node.attributes.entrySet()) {
            xml.writeAttribute(a.getKey(), a.getValue());
        }
        if (empty) {
            return;
        }
        if (node.text != null) {
            xml.writeCharacters(node.text);
        }
        for (XmlNode child : node.children) {
            write(xml, child, depth + 1, node.namespace);
        }
        if (!node.children.isEmpty()) {
            xml.writeCharacters("\n" + INDENT.repeat(depth));
        }
        xml.writeEndElement();
    }
}
