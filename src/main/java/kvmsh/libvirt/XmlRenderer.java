package kvmsh.libvirt;

import kvmsh.model.DhcpRange;
import kvmsh.model.DiskDef;
import kvmsh.model.NetworkDef;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;

/**
 * Renders the model as libvirt XML. Output is deterministic (fixed element and attribute order,
 * two-space indentation) so {@link kvmsh.plan.Digester#sha256} of a rendering with {@link Annotations#NONE} only
 * changes when the declaration does. Every value is escaped by the XML writer.
 */
public final class XmlRenderer {

    private XmlRenderer() {
    }

    /**
     * The {@code <network>} for {@code def}: NAT → {@code <forward mode='nat'/>}, isolated → no
     * forward, routed → {@code <forward mode='route'/>}, bridge → {@code <forward mode='bridge'/>}
     * with the existing bridge and nothing else; otherwise bridge settings, gateway address and DHCP.
     */
    public static String network(NetworkDef def, Annotations a) {
        return XmlText.write(NetworkXmlRenderer.render(def, a));
    }

    /**
     * The {@code <domain>} for {@code vm}; see {@link Annotations} for what {@code a} adds. The VM's
     * {@code customize} edits are applied last.
     *
     * @throws IllegalArgumentException when a customize edit cannot be applied (the message says which)
     */
    public static String domain(VmDef vm, Annotations a) {
        return XmlText.write(DomainCustomizer.apply(DomainXmlRenderer.render(vm, a), vm.customize()));
    }

    /**
     * The {@code <volume>} for a new disk: a thin volume (allocation 0, capacity in bytes, format
     * default qcow2), or a copy-on-write overlay with a {@code <backingStore>} (capacity 0: the
     * backing image's size).
     */
    public static String volume(DiskDef d) {
        if (!d.isNewVolume()) {
            throw new IllegalArgumentException("disk " + d.target() + " is an existing image, not a new volume");
        }
        XmlNode volume = new XmlNode("volume");
        volume.textChild("name", d.volume());
        volume.child("allocation").attr("unit", "bytes").text = "0";
        volume.child("capacity").attr("unit", "bytes").text = String.valueOf(d.sizeBytes());
        volume.child("target").child("format").attr("type", d.format() != null ? d.format() : "qcow2");
        if (d.isOverlay()) {
            XmlNode backing = volume.child("backingStore");
            backing.textChild("path", d.backing());
            backing.child("format").attr("type", d.backingFormat());
        }
        return XmlText.write(volume);
    }

    /** The {@code <volume>} of a cloud-init seed: a raw file of {@code capacity} bytes. */
    static String seedVolume(String name, long capacity) {
        XmlNode volume = new XmlNode("volume");
        volume.textChild("name", name);
        volume.child("capacity").attr("unit", "bytes").text = String.valueOf(capacity);
        volume.child("target").child("format").attr("type", "raw");
        return XmlText.write(volume);
    }

    /** The {@code <pool>} for a directory pool. */
    public static String pool(kvmsh.model.PoolDef p) {
        XmlNode pool = new XmlNode("pool").attr("type", p.type());
        pool.textChild("name", p.name());
        pool.child("target").textChild("path", p.path());
        return XmlText.write(pool);
    }

    /** The {@code <domainsnapshot>} kvmsh asks libvirt to take. */
    public static String snapshot(String name, String description) {
        XmlNode snapshot = new XmlNode("domainsnapshot");
        snapshot.textChild("name", name);
        if (description != null) {
            snapshot.textChild("description", description);
        }
        return XmlText.write(snapshot);
    }

    /** {@code <range start end/>}: the snippet {@link LibvirtNative#networkUpdate} takes for a DHCP range. */
    public static String dhcpRange(DhcpRange range) {
        return XmlText.write(NetworkXmlRenderer.range(range));
    }

    /** {@code <host mac name ip/>}: the snippet {@link LibvirtNative#networkUpdate} takes for a DHCP host. */
    public static String dhcpHost(StaticHost host) {
        return XmlText.write(NetworkXmlRenderer.host(host));
    }
}
