package kvmsh.libvirt;

import java.util.List;
import java.util.Map;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import kvmsh.host.HostLinks;
import kvmsh.plan.StepFailedException;

/**
 * Moves a running guest's NIC to another network or host bridge without a restart (the seed's
 * {@code brctl delif br0 vnet1; brctl addif isolationbr vnet1}). A NIC libvirt manages is changed
 * with a live device update, so libvirt moves the tap and knows where it is; a tap kvmsh created
 * itself ({@code managed='no'}) is re-plugged on the host. Live only: the definition keeps the
 * declared network, so the next boot puts the NIC back where the script says.
 */
final class NicMover {

    /** virDomainDeviceModifyFlags VIR_DOMAIN_AFFECT_LIVE. */
    private static final int AFFECT_LIVE = 1;

    private final Connect conn;
    private final HostLinks links;

    NicMover(Connect conn, HostLinks links) {
        this.conn = conn;
        this.links = links;
    }

    /**
     * @param name    a tap name, or (with {@code nic} or {@code mac} in options) a VM name
     * @param options {@code to} (network) or {@code bridge}, and optionally {@code nic}/{@code mac}
     */
    String move(String name, Map<String, String> options) throws LibvirtException {
        String network = options.get("to");
        String bridge = options.get("bridge");
        if (network != null) {
            bridge = bridgeOf(network);
        }
        if (options.containsKey("nic") || options.containsKey("mac")) {
            return moveVmNic(name, options, network, bridge);
        }
        for (int id : conn.listDomains()) {
            Domain d = conn.domainLookupByID(id);
            List<DomainFacts.Interface> nics = LibvirtXml.domain(d.getXMLDesc(0)).interfaces();
            for (int i = 0; i < nics.size(); i++) {
                if (name.equals(nics.get(i).targetDev()) && !"ethernet".equals(nics.get(i).type())) {
                    if (network == null && options.get("bridge") == null) {
                        throw new StepFailedException("NIC " + name + " of vm " + d.getName()
                                + " is managed by libvirt — attach it to another network instead of detaching it");
                    }
                    return update(d, i, network, options.get("bridge"));
                }
            }
        }
        if (!links.list().containsKey(name)) {
            throw new StepFailedException("no tap named '" + name + "' on the host");
        }
        links.plug(name, bridge);
        return "";
    }

    private String moveVmNic(String vm, Map<String, String> options, String network, String bridge)
            throws LibvirtException {
        Domain d;
        try {
            d = conn.domainLookupByName(vm);
        } catch (LibvirtException e) {
            throw new StepFailedException("no vm named '" + vm + "' on " + conn.getURI());
        }
        if (d.isActive() != 1) {
            throw new StepFailedException("vm " + vm + " is not running — to move a NIC for good, change it in the script");
        }
        List<DomainFacts.Interface> nics = LibvirtXml.domain(d.getXMLDesc(0)).interfaces();
        int index = -1;
        if (options.containsKey("nic")) {
            index = Integer.parseInt(options.get("nic"));
        } else {
            for (int i = 0; i < nics.size(); i++) {
                if (options.get("mac").equalsIgnoreCase(nics.get(i).mac())) {
                    index = i;
                }
            }
        }
        if (index < 0 || index >= nics.size()) {
            throw new StepFailedException("vm " + vm + " has no NIC " + (options.containsKey("nic") ? options.get("nic")
                    : "with MAC " + options.get("mac")) + " (it has " + nics.size() + ")");
        }
        DomainFacts.Interface nic = nics.get(index);
        if ("ethernet".equals(nic.type())) {
            // kvmsh's own named tap: libvirt does not manage it, so it is re-plugged on the host.
            links.plug(nic.targetDev(), bridge);
            return "";
        }
        return update(d, index, network, options.get("bridge"));
    }

    private String update(Domain d, int index, String network, String bridge) throws LibvirtException {
        d.updateDeviceFlags(InterfaceXml.retarget(d.getXMLDesc(0), index, network, bridge), AFFECT_LIVE);
        return "";
    }

    private String bridgeOf(String network) throws LibvirtException {
        Network net;
        try {
            net = conn.networkLookupByName(network);
        } catch (LibvirtException e) {
            throw new StepFailedException("no network named '" + network + "' on " + conn.getURI());
        }
        return LibvirtXml.network(net.getXMLDesc(0)).bridge();
    }
}
