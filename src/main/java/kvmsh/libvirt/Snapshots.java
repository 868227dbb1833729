package kvmsh.libvirt;

import java.time.Instant;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;

import kvmsh.plan.StepFailedException;

/** The {@code snapshot}, {@code revert}, {@code deleteSnapshot} and {@code snapshots} statements. */
final class Snapshots {

    private Snapshots() {
    }

    /** Takes a snapshot: disks, and the memory too while the domain runs (libvirt's default). */
    static String create(Domain d, String name, String description) throws LibvirtException {
        d.snapshotCreateXML(XmlRenderer.snapshot(name, description), 0);
        return "  snapshot " + name + " of vm " + d.getName() + " taken";
    }

    static String revert(Domain d, String name) throws LibvirtException {
        d.revertToSnapshot(lookup(d, name));
        return "  vm " + d.getName() + " reverted to snapshot " + name;
    }

    static String delete(Domain d, String name) throws LibvirtException {
        lookup(d, name).delete(0);
        return "";
    }

    static String list(Domain d) throws LibvirtException {
        Table t = new Table("SNAPSHOT", "CREATED", "STATE");
        for (String name : d.snapshotListNames()) {
            String xml = d.snapshotLookupByName(name).getXMLDesc();
            String created = LibvirtXml.text(xml, "domainsnapshot", "creationTime");
            String state = LibvirtXml.text(xml, "domainsnapshot", "state");
            t.row(name, created == null ? "-" : Instant.ofEpochSecond(Long.parseLong(created)).toString(),
                    state == null ? "-" : state);
        }
        return t.render();
    }

    private static DomainSnapshot lookup(Domain d, String name) throws LibvirtException {
        try {
            return d.snapshotLookupByName(name);
        } catch (LibvirtException e) {
            throw new StepFailedException("vm " + d.getName() + " has no snapshot '" + name + "'");
        }
    }
}
