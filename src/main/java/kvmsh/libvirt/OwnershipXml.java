package kvmsh.libvirt;

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
        XmlNode element = parent.child("metadata")
                .child(Ownership.PREFIX, Ownership.NAMESPACE, "owner")
                .attr("script", owner.script())
                .attr("digest", owner.digest());
        for (String tap : owner.taps()) {
            element.child(Ownership.PREFIX, Ownership.NAMESPACE, "tap").attr("name", tap);
        }
        for (Ownership.VolumeRef volume : owner.volumes()) {
            element.child(Ownership.PREFIX, Ownership.NAMESPACE, "volume")
                    .attr("pool", volume.pool())
                    .attr("name", volume.name());
        }
    }
}
