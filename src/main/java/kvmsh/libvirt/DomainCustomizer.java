package kvmsh.libvirt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import kvmsh.model.XmlEdit;
import kvmsh.plan.DeclarationException;
import kvmsh.plan.Ownership;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Applies a VM's {@code customize} edits ({@link XmlEdit}) to its rendered domain: the tree goes to
 * a DOM, each XPath edit runs in order, and the result comes back as an {@link XmlNode} tree so
 * {@link XmlText} writes it like any other rendering (and its digest stays stable).
 */
final class DomainCustomizer {

    /**
     * A path the SET edit may create when it selects nothing: {@code /a/b/c} or {@code /a/b/@attr};
     * a step may pick an existing element by position ({@code /domain/devices/disk[2]/driver/@cache}).
     */
    private static final Pattern SIMPLE = Pattern.compile("(/[A-Za-z_][\\w.-]*(\\[[1-9][0-9]*])?)+(/@[A-Za-z_][\\w.-]*)?");

    private DomainCustomizer() {
    }

    static XmlNode apply(XmlNode domain, List<XmlEdit> edits) {
        if (edits.isEmpty()) {
            return domain;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(XmlText.write(domain))));
            for (XmlEdit e : edits) {
                edit(doc, e, f);
            }
            return toNode(doc.getDocumentElement());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot customize domain XML: " + e.getMessage(), e);
        }
    }

    private static void edit(Document doc, XmlEdit e, DocumentBuilderFactory f) throws Exception {
        List<Node> nodes = select(doc, e);
        for (Node n : nodes) {
            guard(doc, e, n);
        }
        switch (e.kind()) {
            case SET -> {
                if (nodes.isEmpty()) {
                    nodes = List.of(create(doc, e));
                }
                for (Node n : nodes) {
                    if (n instanceof Attr a) {
                        a.setValue(e.value());
                    } else if (n instanceof Element el) {
                        el.setTextContent(e.value());
                    } else {
                        n.setNodeValue(e.value());
                    }
                }
            }
            case REMOVE -> {
                if (nodes.isEmpty()) {
                    throw fail(e, "selects nothing to remove");
                }
                for (Node n : nodes) {
                    if (n instanceof Attr a) {
                        a.getOwnerElement().removeAttributeNode(a);
                    } else if (n.getParentNode() != null && n != doc.getDocumentElement()) {
                        n.getParentNode().removeChild(n);
                    }
                }
            }
            case APPEND -> {
                if (nodes.isEmpty()) {
                    throw fail(e, "selects no element to append to");
                }
                Element fragment = f.newDocumentBuilder().parse(new InputSource(new StringReader(e.value())))
                        .getDocumentElement();
                if (nodes.contains(doc.getDocumentElement()) && MANAGED.contains(fragment.getTagName())) {
                    throw managed(e, "the domain's " + fragment.getTagName());
                }
                for (Node n : nodes) {
                    if (!(n instanceof Element)) {
                        throw fail(e, "selects something that is not an element");
                    }
                    n.appendChild(doc.importNode(fragment, true));
                }
            }
            default -> throw new IllegalArgumentException("unknown edit " + e.kind());
        }
    }

    private static List<Node> select(Document doc, XmlEdit e) {
        try {
            NodeList found = (NodeList) XPathFactory.newDefaultInstance().newXPath()
                    .evaluate(e.xpath(), doc, XPathConstants.NODESET);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < found.getLength(); i++) {
                out.add(found.item(i));
            }
            return out;
        } catch (XPathExpressionException ex) {
            throw fail(e, "is not an XPath that selects nodes");
        }
    }

    /**
     * The domain's name and uuid and kvmsh's ownership metadata are kvmsh's: an edit that changes them
     * would make libvirt define another domain than the one planned (a stray one, after a rollback), or
     * one kvmsh no longer knows as its own. An edit may append next to them, not into or over them.
     */
    private static void guard(Document doc, XmlEdit e, Node selected) {
        Node target = selected instanceof Attr a ? a.getOwnerElement() : selected;
        if (e.kind() == XmlEdit.Kind.REMOVE && target == doc.getDocumentElement() && !(selected instanceof Attr)) {
            throw new DeclarationException(e.origin(), "customize remove '" + e.xpath() + "' removes the whole domain",
                    "remove elements inside it, or the vm declaration itself");
        }
        for (Node p : protectedNodes(doc)) {
            boolean inside = p == target || isAncestor(p, target);
            // Setting an element's text or removing it replaces everything under it.
            boolean over = e.kind() != XmlEdit.Kind.APPEND && !(selected instanceof Attr) && isAncestor(target, p);
            if (inside || over) {
                String what = p.getLocalName() == null ? p.getNodeName() : p.getLocalName();
                throw managed(e, Ownership.NAMESPACE.equals(p.getNamespaceURI()) ? "kvmsh's ownership metadata"
                        : "the domain's " + what);
            }
        }
    }

    /** Children of {@code <domain>} that kvmsh manages (besides its metadata). */
    private static final java.util.Set<String> MANAGED = java.util.Set.of("name", "uuid");

    private static DeclarationException managed(XmlEdit e, String what) {
        return new DeclarationException(e.origin(), "customize " + e.kind().name().toLowerCase() + " '" + e.xpath()
                + "' edits " + what + ", which kvmsh manages", what.endsWith(" name")
                ? "rename the vm in its declaration instead" : "leave it to kvmsh (edit other elements)");
    }

    private static List<Node> protectedNodes(Document doc) {
        List<Node> out = new ArrayList<>();
        for (Node c = doc.getDocumentElement().getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && MANAGED.contains(el.getTagName())) {
                out.add(el);
            } else if (c instanceof Element el && el.getTagName().equals("metadata")) {
                for (Node m = el.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof Element me && Ownership.NAMESPACE.equals(me.getNamespaceURI())) {
                        out.add(me);
                    }
                }
            }
        }
        return out;
    }

    /** True when {@code a} is a proper ancestor of {@code n}. */
    private static boolean isAncestor(Node a, Node n) {
        for (Node p = n.getParentNode(); p != null; p = p.getParentNode()) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    /** Creates the missing tail of a simple path (elements, then the attribute) for SET. */
    private static Node create(Document doc, XmlEdit e) {
        if (!SIMPLE.matcher(e.xpath()).matches()) {
            throw fail(e, "selects nothing (only simple paths like /domain/a/b/@c or /domain/devices/disk[2]/@c are created)");
        }
        String[] steps = e.xpath().substring(1).split("/");
        Element current = doc.getDocumentElement();
        if (steps.length > 1 && MANAGED.contains(steps[1])) {
            throw managed(e, "the domain's " + steps[1]);
        }
        if (!current.getTagName().equals(steps[0])) {
            throw fail(e, "does not start at the root element <" + current.getTagName() + ">");
        }
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            if (step.startsWith("@")) {
                current.setAttribute(step.substring(1), "");
                return current.getAttributeNode(step.substring(1));
            }
            int position = 1;
            boolean indexed = step.endsWith("]");
            if (indexed) {
                position = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                step = step.substring(0, step.indexOf('['));
            }
            Element next = null;
            int seen = 0;
            for (Node c = current.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element ce && ce.getTagName().equals(step) && ++seen == position) {
                    next = ce;
                    break;
                }
            }
            if (next == null && indexed) {
                throw fail(e, "selects nothing: there is no " + steps[i] + " to create it in");
            }
            if (next == null) {
                next = doc.createElement(step);
                current.appendChild(next);
            }
            current = next;
        }
        return current;
    }

    private static DeclarationException fail(XmlEdit e, String why) {
        return new DeclarationException(e.origin(), "customize " + e.kind().name().toLowerCase()
                + " '" + e.xpath() + "' " + why, "check the XPath against the domain XML kvmsh generates");
    }

    /** DOM back to the renderer's tree; whitespace-only text between elements is dropped. */
    static XmlNode toNode(Element e) {
        XmlNode node = e.getNamespaceURI() == null ? new XmlNode(e.getLocalName() != null ? e.getLocalName() : e.getTagName())
                : new XmlNode(e.getPrefix(), e.getNamespaceURI(), e.getLocalName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                node.attr(a.getName(), a.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                node.children.add(toNode(ce));
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        if (node.children.isEmpty() && !text.isEmpty()) {
            node.text = text.toString();
        } else if (node.children.isEmpty() && e.hasChildNodes()) {
            node.text = "";
        }
        return node;
    }

}
