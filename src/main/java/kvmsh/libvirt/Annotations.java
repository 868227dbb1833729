package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kvmsh.plan.Ownership;

/**
 * What the renderers add to a model object's XML beyond the model itself: libvirt's identity of an
 * existing object, kvmsh's ownership metadata, and MACs libvirt generated earlier. None of it is part
 * of the object's digest, which is computed from the rendering with {@link #NONE}.
 *
 * @param uuid  the existing object's UUID (redefining with another UUID would fail), or null
 * @param owner the {@code <metadata>} to write, or null
 * @param macs  MACs by NIC index from the existing domain, so NICs without a fixed MAC keep theirs
 *              across a redefine; an entry may be null, the list may be shorter than the NICs. For a
 *              network: its bridge's MAC, so the gateway keeps its MAC in the guests' ARP caches
 */
public record Annotations(String uuid, Ownership owner, List<String> macs) {

    public static final Annotations NONE = new Annotations(null, null, List.of());

    public Annotations {
        // List.copyOf rejects null entries, which are legitimate here (a NIC without a known MAC).
        macs = macs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(macs));
    }

    /** The preserved MAC of NIC {@code index}, or null. */
    public String mac(int index) {
        return index < macs.size() ? macs.get(index) : null;
    }
}
