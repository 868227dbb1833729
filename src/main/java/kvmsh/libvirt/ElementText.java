package kvmsh.libvirt;

import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * An element of libvirt's XML as one line of text, for a {@code customize} append that a script
 * carries: double-quoted attributes (the script quotes with single quotes), no indentation, and
 * without the {@code <address>} and {@code <alias>} libvirt assigns by itself.
 */
final class ElementText {

    private static final Set<String> ASSIGNED = Set.of("address", "alias");

    private ElementText() {
    }

    static String compact(Element e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Element e) {
        sb.append('<').append(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            sb.append(' ').append(a.getName()).append("=\"");
            XmlText.escape(sb, a.getValue(), true);
            sb.append('"');
        }
        boolean hasElements = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            hasElements |= n instanceof Element;
        }
        StringBuilder body = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                if (c.getNamespaceURI() != null || !ASSIGNED.contains(c.getLocalName())) {
                    write(body, c);
                }
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                // Whitespace between child elements is indentation, not content.
                if (!hasElements || !n.getNodeValue().isBlank()) {
                    XmlText.escape(body, hasElements ? n.getNodeValue().strip() : n.getNodeValue(), false);
                }
            }
        }
        if (body.isEmpty()) {
            sb.append("/>");
        } else {
            sb.append('>').append(body).append("</").append(e.getTagName()).append('>');
        }
    }
}
