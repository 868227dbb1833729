package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a migration needs to know of a domain, read from its XML: where it must be able to run
 * (virtualization type, architecture, machine type, CPU), the networks its NICs use, and its disks.
 *
 * @param cpuXml the domain's {@code <cpu>} element when it names a model (for virConnectCompareCPU), else null
 */
record MigrationFacts(String name, String type, String arch, String machine, String cpuXml,
                      List<String> networks, List<Disk> disks) {

    /**
     * A disk or CD-ROM backed by a file ({@code file}) or by a pool's volume ({@code pool},
     * {@code volume}; kvmsh's new disks and seeds); the other fields are null.
     */
    record Disk(String target, String device, String file, String pool, String volume, String format, boolean readOnly) {
        /** How messages name its storage. */
        String where() {
            return file != null ? file : pool + "/" + volume;
        }

        /**
         * Whether libvirt's disk mirror copies it: writable disks only. A read-only one (a CD-ROM, a seed) in a
         * storage pool kvmsh streams itself; outside a pool it must exist on the target.
         */
        boolean copied() {
            return !readOnly && device.equals("disk");
        }
    }

    static MigrationFacts of(String domainXml) {
        Element root = LibvirtXml.root(domainXml, "domain");
        Element osType = child(child(root, "os"), "type");
        Element cpu = child(root, "cpu");
        String cpuXml = cpu != null && child(cpu, "model") != null ? serialize(cpu) : null;
        List<String> networks = new ArrayList<>();
        List<Disk> disks = new ArrayList<>();
        Element devices = child(root, "devices");
        for (Element e : children(devices)) {
            if (e.getLocalName().equals("interface") && e.getAttribute("type").equals("network")) {
                Element source = child(e, "source");
                if (source != null && !networks.contains(source.getAttribute("network"))) {
                    networks.add(source.getAttribute("network"));
                }
            } else if (e.getLocalName().equals("disk")) {
                Element source = child(e, "source");
                Element driver = child(e, "driver");
                String type = e.getAttribute("type");
                boolean file = type.equals("file") && attr(source, "file") != null;
                boolean volume = type.equals("volume") && attr(source, "pool") != null && attr(source, "volume") != null;
                if (file || volume) {
                    disks.add(new Disk(attr(child(e, "target"), "dev"), e.getAttribute("device"),
                            file ? attr(source, "file") : null, volume ? attr(source, "pool") : null,
                            volume ? attr(source, "volume") : null, driver == null ? "raw" : driver.getAttribute("type"),
                            child(e, "readonly") != null || e.getAttribute("device").equals("cdrom")));
                }
            }
        }
        return new MigrationFacts(text(child(root, "name")), root.getAttribute("type"),
                attr(osType, "arch"), attr(osType, "machine"), cpuXml, networks, disks);
    }

    /** The {@code <host><uuid>} of a {@code <capabilities>} document. */
    static String hostUuid(String capabilitiesXml) {
        return text(child(child(LibvirtXml.root(capabilitiesXml, "capabilities"), "host"), "uuid"));
    }

    /**
     * The machine types (names and their canonical names) the host offers guests of {@code arch}
     * under virtualization {@code type} ({@code kvm} or {@code qemu}), from {@code <capabilities>}.
     */
    static java.util.Set<String> machines(String capabilitiesXml, String arch, String type) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Element guest : children(LibvirtXml.root(capabilitiesXml, "capabilities"))) {
            Element a = child(guest, "arch");
            if (!guest.getLocalName().equals("guest") || a == null || !a.getAttribute("name").equals(arch)) {
                continue;
            }
            List<Element> scopes = new ArrayList<>(List.of(a));
            children(a).stream().filter(d -> d.getLocalName().equals("domain") && d.getAttribute("type").equals(type))
                    .forEach(scopes::add);
            boolean offersType = scopes.size() > 1;
            for (Element scope : offersType ? scopes : List.<Element>of()) {
                for (Element m : children(scope)) {
                    if (m.getLocalName().equals("machine")) {
                        out.add(m.getTextContent().strip());
                        if (!m.getAttribute("canonical").isEmpty()) {
                            out.add(m.getAttribute("canonical"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String serialize(Element e) {
        try {
            var out = new java.io.StringWriter();
            var t = javax.xml.transform.TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException x) {
            throw new IllegalArgumentException("cannot write the domain's <cpu>: " + x.getMessage(), x);
        }
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getLocalName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String attr(Element e, String name) {
        return e == null || e.getAttribute(name).isEmpty() ? null : e.getAttribute(name);
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }
}
