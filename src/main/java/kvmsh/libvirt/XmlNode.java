package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny mutable element tree the renderers fill before {@link XmlText} writes it out. Building a
 * tree first (instead of streaming) lets the writer know whether an element is empty, so the output
 * is indented and self-closed the same way every time; attributes keep insertion order, which keeps
 * the rendering (and so its digest) stable and readable.
 */
final class XmlNode {

    final String prefix;
    final String namespace;
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlNode> children = new ArrayList<>();
    String text;

    XmlNode(String name) {
        this(null, null, name);
    }

    XmlNode(String prefix, String namespace, String name) {
        this.prefix = prefix;
        this.namespace = namespace;
        this.name = name;
    }

    /** Appends a child element in no namespace and returns it. */
    XmlNode child(String childName) {
        XmlNode child = new XmlNode(childName);
        children.add(child);
        return child;
    }

    /** Appends a child element in {@code ns} and returns it. */
    XmlNode child(String childPrefix, String ns, String childName) {
        XmlNode child = new XmlNode(childPrefix, ns, childName);
        children.add(child);
        return child;
    }

    /** Appends {@code <childName>text</childName>} and returns this element, for chaining. */
    XmlNode textChild(String childName, Object value) {
        child(childName).text = String.valueOf(value);
        return this;
    }

    /** Sets an attribute; a null value leaves it out, which is what every optional attribute wants. */
    XmlNode attr(String key, Object value) {
        if (value != null) {
            attributes.put(key, String.valueOf(value));
        }
        return this;
    }
}
