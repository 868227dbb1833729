package kvmsh.libvirt;

import kvmsh.model.DhcpRange;
import kvmsh.model.DiskDef;
import kvmsh.model.NetworkDef;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;

/**
 * Renders the model as libvirt XML. Output is deterministic (fixed element and attribute order,
 * two-space indentation) so {@link Digests#of} of a rendering with {@link Annotations#NONE} only
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

    /** The {@code <domain>} for {@code vm}; see {@link Annotations} for what {@code a} adds. */
    public static String domain(VmDef vm, Annotations a) {
        return XmlText.write(DomainXmlRenderer.render(vm, a));
    }

    /** The {@code <volume>} for a new thin disk: allocation 0, capacity in bytes, format (default qcow2). */
    public static String volume(DiskDef d) {
        if (!d.isNewVolume()) {
            throw new IllegalArgumentException("disk " + d.target() + " is an existing image, not a new volume");
        }
        XmlNode volume = new XmlNode("volume");
        volume.textChild("name", d.volume());
        volume.child("allocation").attr("unit", "bytes").text = "0";
        volume.child("capacity").attr("unit", "bytes").text = String.valueOf(d.sizeBytes());
        volume.child("target").child("format").attr("type", d.format() != null ? d.format() : "qcow2");
        return XmlText.write(volume);
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
