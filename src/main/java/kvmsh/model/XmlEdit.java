package kvmsh.model;

/**
 * One edit of a VM's generated domain XML ({@code customize { … }}): the escape hatch for what the
 * DSL does not cover, like virt-manager's "customize configuration before install".
 *
 * @param kind   what to do with the nodes the XPath selects
 * @param xpath  an XPath 1.0 expression over the {@code <domain>} document
 * @param value  SET: the new attribute value or element text; APPEND: an XML fragment; REMOVE: null
 * @param origin where the statement is
 */
public record XmlEdit(Kind kind, String xpath, String value, Origin origin) {

    public enum Kind {
        /** Set an attribute's value or an element's text; missing simple paths are created. */
        SET,
        /** Remove the selected elements or attributes. */
        REMOVE,
        /** Append an XML fragment as the last child of each selected element. */
        APPEND
    }

    /** How the plan shows the edit: {@code set /domain/vcpu = 2}. */
    public String describe() {
        return switch (kind) {
            case SET -> "set " + xpath + " = " + value;
            case REMOVE -> "remove " + xpath;
            case APPEND -> "append to " + xpath + ": " + value.strip().replaceAll("\\s+", " ");
        };
    }
}
