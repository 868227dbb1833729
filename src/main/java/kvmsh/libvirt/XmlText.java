package kvmsh.libvirt;

import java.util.Map;

/**
 * Writes an {@link XmlNode} tree as text with two-space indentation and no XML declaration. Names
 * come from the renderers; every value is escaped here ({@code & < >} in text, and {@code "} too
 * in attributes), so names like {@code a&b<'"} come out well-formed. The output is the JDK StAX
 * writer's, character for character (a test holds it to that: digests of renderings are recorded
 * on the host), at a fraction of its cost: the planner renders every declared object.
 */
final class XmlText {

    private static final String INDENT = "  ";

    private XmlText() {
    }

    static String write(XmlNode root) {
        StringBuilder out = new StringBuilder(1024);
        write(out, root, 0, null);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, XmlNode node, int depth, String inheritedNs) {
        if (depth > 0) {
            out.append('\n').append(INDENT.repeat(depth));
        }
        String tag = node.namespace != null && node.prefix != null && !node.prefix.isEmpty()
                ? node.prefix + ":" + node.name : node.name;
        out.append('<').append(tag);
        if (node.namespace != null && !node.namespace.equals(inheritedNs)) {
            out.append(node.prefix == null || node.prefix.isEmpty() ? " xmlns" : " xmlns:" + node.prefix).append("=\"");
            escape(out, node.namespace, true);
            out.append('"');
        }
        for (Map.Entry<String, String> a : node.attributes.entrySet()) {
            out.append(' ').append(a.getKey()).append("=\"");
            escape(out, a.getValue(), true);
            out.append('"');
        }
        if (node.children.isEmpty() && node.text == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (node.text != null) {
            escape(out, node.text, false);
        }
        for (XmlNode child : node.children) {
            write(out, child, depth + 1, node.namespace);
        }
        if (!node.children.isEmpty()) {
            out.append('\n').append(INDENT.repeat(depth));
        }
        out.append("</").append(tag).append('>');
    }

    static void escape(StringBuilder out, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }
}
