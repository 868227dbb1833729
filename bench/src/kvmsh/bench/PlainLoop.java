package kvmsh.bench;

import org.libvirt.Connect;
import org.libvirt.Network;

/**
 * The baseline an admin would write by hand with libvirt-java: a loop over ready XML strings. Per
 * network: {@code networkDefineXML}, {@code setAutostart(1)}, {@code create()}; per VM:
 * {@code domainDefineXML}, {@code create()} — exactly the libvirt calls kvmsh's plan makes. The XML
 * is kvmsh's own rendering of the same script (ownership metadata included), made before the clock
 * starts, so both sides send libvirt the same bytes. No reading, no planning, no validation.
 *
 * <p>Usage: {@code PlainLoop VMS NETWORKS}. Prints one {@code key=value} line.
 */
public final class PlainLoop {

    public static void main(String[] args) throws Exception {
        int vms = Integer.parseInt(args[0]);
        int nets = Integer.parseInt(args[1]);
        RenderXml.Documents xml = RenderXml.render(vms, nets);
        Connect conn = new Connect("test:///default");
        Phases p = new Phases();
        for (String doc : xml.networks()) {
            Network n = conn.networkDefineXML(doc);
            n.setAutostart(true);
            n.create();
        }
        for (String doc : xml.vms()) {
            conn.domainDefineXML(doc).create();
        }
        p.lap("work");
        p.put("rssMiB", Phases.peakRssMiB());
        conn.close();
        System.out.println(p.line());
    }
}
