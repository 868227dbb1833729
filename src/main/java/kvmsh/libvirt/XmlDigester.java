package kvmsh.libvirt;

import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;
import kvmsh.plan.Digester;

/** Digests of the XML kvmsh renders, without uuid, generated MACs and metadata. */
public enum XmlDigester implements Digester {
    INSTANCE;

    @Override
    public String network(NetworkDef def) {
        return Digests.of(XmlRenderer.network(def, Annotations.NONE));
    }

    @Override
    public String domain(VmDef def) {
        return Digests.of(XmlRenderer.domain(def, Annotations.NONE));
    }
}
