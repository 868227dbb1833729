package kvmsh.repl;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

import kvmsh.plan.StepFailedException;

/** Read-only questions the REPL asks libvirt directly: XML of an object, per-domain samples for top. */
final class HostQueries {

    private final Connect conn;

    HostQueries(Connect conn) {
        this.conn = conn;
    }

    String domainXml(String name) {
        try {
            return conn.domainLookupByName(name).getXMLDesc(0);
        } catch (LibvirtException e) {
            throw new StepFailedException("no vm named '" + name + "'");
        }
    }

    String networkXml(String name) {
        try {
            return conn.networkLookupByName(name).getXMLDesc(0);
        } catch (LibvirtException e) {
            throw new StepFailedException("no network named '" + name + "'");
        }
    }

    /** One sample of every running domain (cpu time, memory); stopped domains use no CPU. */
    List<DomainSample> sample() {
        try {
            List<DomainSample> out = new ArrayList<>();
            for (int id : conn.listDomains()) {
                Domain d = conn.domainLookupByID(id);
                DomainInfo i = d.getInfo();
                out.add(new DomainSample(d.getName(), System.nanoTime(), i.cpuTime, i.nrVirtCpu, i.memory, i.maxMem));
            }
            return out;
        } catch (LibvirtException e) {
            throw new StepFailedException("cannot read domains: " + e.getMessage(), e);
        }
    }
}
