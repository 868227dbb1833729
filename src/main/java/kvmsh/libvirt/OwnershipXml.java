package kvmsh.libvirt;

import java.util.Set;
import kvmsh.plan.Ownership;

/** Renders {@link Ownership} as the {@code <metadata>} element documented on that record. */
final class OwnershipXml {

    private OwnershipXml() {
    }

    /** Appends {@code <metadata><kvmsh:owner …/></metadata>} to {@code parent} when {@code owner} is set. */
    static void append(XmlNode parent, Ownership owner) {
        if (owner == null) {
            return;
        }
        parent.child("metadata").children.add(owner(owner));
    }

    /**
     * The owner element alone, as virDomainSetMetadata takes it: in no namespace, since libvirt puts
     * the element and its children into the namespace and prefix the call names.
     */
    static String element(Ownership owner) {
        return XmlText.write(owner(owner, null, null));
    }

    /**
     * {@code xml} (a libvirt object's own definition) with kvmsh's owner element in its
     * {@code <metadata>}, replacing an earlier one; everything else as it was.
     */
    static String insert(String xml, Ownership owner) {
        XmlNode root = DomainCustomizer.toNode(LibvirtXml.root(xml, LibvirtXml.rootName(xml)));
        XmlNode metadata = root.children.stream().filter(c -> c.namespace == null && c.name.equals("metadata"))
                .findFirst().orElse(null);
        if (metadata == null) {
            metadata = new XmlNode("metadata");
            // After <name> and <uuid>, where libvirt writes it.
            int at = 0;
            while (at < root.children.size() && Set.of("name", "uuid").contains(root.children.get(at).name)) {
                at++;
            }
            root.children.add(at, metadata);
        }
        XmlNode fresh = owner(owner);
        // A network's port forwards, recorded in its old owner element, stay as they were.
        metadata.children.stream().filter(c -> Ownership.NAMESPACE.equals(c.namespace))
                .flatMap(c -> c.children.stream()).filter(c -> c.name.equals("forward")).forEach(fresh.children::add);
        metadata.children.removeIf(c -> Ownership.NAMESPACE.equals(c.namespace));
        metadata.children.add(fresh);
        return XmlText.write(root);
    }

    private static XmlNode owner(Ownership owner) {
        return owner(owner, Ownership.PREFIX, Ownership.NAMESPACE);
    }

    private static XmlNode owner(Ownership owner, String prefix, String namespace) {
        XmlNode element = new XmlNode(prefix, namespace, "owner")
                .attr("script", owner.script())
                .attr("project", owner.project())
                .attr("digest", owner.digest())
                .attr("protect", owner.protect() ? "true" : null)
                .attr("login", owner.login());
        for (String tap : owner.taps()) {
            element.child(prefix, namespace, "tap").attr("name", tap);
        }
        for (Ownership.VolumeRef volume : owner.volumes()) {
            element.child(prefix, namespace, "volume")
                    .attr("pool", volume.pool())
                    .attr("name", volume.name())
                    .attr("protect", owner.kept().contains(volume) ? "true" : null);
        }
        return element;
    }
}
