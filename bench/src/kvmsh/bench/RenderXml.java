package kvmsh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kvmsh.dsl.ScriptLoader;
import kvmsh.libvirt.Annotations;
import kvmsh.libvirt.XmlRenderer;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;
import kvmsh.plan.Ownership;

/**
 * kvmsh's own rendering of the scale script, ownership metadata included, so the baselines send
 * libvirt the same XML kvmsh does. {@code RenderXml DIR VMS NETWORKS} writes
 * {@code DIR/net-NAME.xml} and {@code DIR/vm-NAME.xml} for the bash baseline.
 */
public final class RenderXml {

    /** Network XML then domain XML, in the script's order. */
    record Documents(List<String> networkNames, List<String> networks, List<String> vmNames, List<String> vms) {
    }

    static Documents render(int vms, int nets) {
        HostModel model = new ScriptLoader().load(ScaleScript.text(vms, nets), "bench.kvm", List.of());
        Annotations owned = new Annotations(null, new Ownership(Path.of("bench.kvm").toAbsolutePath().toString(),
                "0".repeat(64), List.of(), List.of()), List.of());
        Documents d = new Documents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (NetworkDef n : model.networks()) {
            d.networkNames().add(n.name());
            d.networks().add(XmlRenderer.network(n, owned));
        }
        for (VmDef v : model.vms()) {
            d.vmNames().add(v.name());
            d.vms().add(XmlRenderer.domain(v, owned));
        }
        return d;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Documents d = render(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        for (int i = 0; i < d.networks().size(); i++) {
            Files.writeString(dir.resolve("net-" + d.networkNames().get(i) + ".xml"), d.networks().get(i));
        }
        for (int i = 0; i < d.vms().size(); i++) {
            Files.writeString(dir.resolve("vm-" + d.vmNames().get(i) + ".xml"), d.vms().get(i));
        }
    }
}
