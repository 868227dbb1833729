package kvmsh.dsl.save;

import java.util.ArrayList;
import java.util.List;
import kvmsh.model.Comments;
import kvmsh.model.CloudInitDef;
import kvmsh.model.DiskDef;
import kvmsh.model.HostModel;
import kvmsh.model.Ipv6Def;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.NicDef;
import kvmsh.model.PoolDef;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;
import kvmsh.model.VmState;
import kvmsh.model.XmlEdit;

/**
 * Writes a model's declarations back as a .kvm script that, loaded again, gives the same networks
 * and VMs (the REPL's {@code :save}). Settings equal to their defaults are left out; paths are
 * absolute, as the model holds them. Imperative statements are not written: they have run.
 */
public final class ScriptWriter {

    private static final String INDENT = "    ";

    private ScriptWriter() {
    }

    /** The script text for {@code model}'s networks and VMs. */
    public static String write(HostModel model) {
        return write(model, Comments.NONE);
    }

    /**
     * The script text for {@code model}'s declarations with {@code comments} beside them: a header,
     * lines above blocks, the reason above each customize edit, and a footer ({@code kvmsh import}).
     */
    public static String write(HostModel model, Comments comments) {
        StringBuilder sb = new StringBuilder();
        comment(sb, "", comments.header());
        if (!comments.header().isEmpty()) {
            sb.append('\n');
        }
        if (model.project() != null) {
            sb.append("project ").append(quote(model.project())).append("\n\n");
        }
        for (PoolDef p : model.pools()) {
            List<String> settings = new ArrayList<>(List.of("dir " + quote(p.path())));
            if (!p.autostart()) {
                settings.add("autostart false");
            }
            block(sb, "pool", p.name(), settings, comments);
        }
        for (NetworkDef n : model.networks()) {
            block(sb, "network", n.name(), network(n), comments);
        }
        for (VmDef vm : model.vms()) {
            block(sb, "vm", vm.name(), vm(vm, comments), comments);
        }
        if (!comments.footer().isEmpty()) {
            sb.append('\n');
            comment(sb, "", comments.footer());
        }
        return sb.toString();
    }

    private static void comment(StringBuilder sb, String indent, List<String> lines) {
        lines.forEach(l -> sb.append(indent).append("// ").append(l.replace("\n", " ")).append('\n'));
    }

    private static void block(StringBuilder sb, String keyword, String name, List<String> settings, Comments comments) {
        comment(sb, "", comments.before(keyword, name));
        sb.append(keyword).append(' ').append(quote(name)).append(" {\n");
        settings.forEach(s -> sb.append(INDENT).append(s).append('\n'));
        sb.append("}\n");
    }

    private static List<String> network(NetworkDef n) {
        List<String> out = new ArrayList<>();
        if (n.mode() == NetworkMode.BRIDGE) {
            out.add("bridge " + quote(n.bridge()));
        } else {
            Ipv6Def v6 = n.ipv6();
            if (n.cidr() != null || v6 == null) {
                out.add(n.mode().keyword() + " " + quote(n.cidr()));
                out.add("gateway " + quote(n.gateway()));
                if (n.dhcp() != null) {
                    out.add("dhcp " + quote(n.dhcp().start()) + ".." + quote(n.dhcp().end()));
                }
                if (v6 != null) {
                    out.add("ipv6 " + quote(v6.cidr()));
                }
            } else {
                // IPv6 only: the mode takes the IPv6 subnet.
                out.add(n.mode().keyword() + " " + quote(v6.cidr()));
            }
            if (v6 != null) {
                out.add("gateway6 " + quote(v6.gateway()));
                if (v6.dhcp() != null) {
                    out.add("dhcp6 " + quote(v6.dhcp().start()) + ".." + quote(v6.dhcp().end()));
                }
            }
            for (StaticHost h : n.hosts()) {
                out.add("host " + quote(h.name()) + ", mac: " + quote(h.mac())
                        + (h.ip() == null ? "" : ", ip: " + quote(h.ip()))
                        + (h.ip6() == null ? "" : ", ip6: " + quote(h.ip6())));
            }
            if (n.domain() != null) {
                out.add("domain " + quote(n.domain()));
            }
            for (kvmsh.model.PortForward f : n.forwards()) {
                out.add("forward " + f.port() + ", to: " + quote(f.target() + ":" + f.toPort())
                        + (f.proto().equals("tcp") ? "" : ", proto: " + quote(f.proto())));
            }
            if (!n.bridge().equals(n.name())) {
                out.add("device " + quote(n.bridge()));
            }
        }
        if (n.stp()) {
            out.add("stp true");
        }
        if (n.forwardDelay() != (n.stp() ? 2 : 0)) {
            out.add("delay " + n.forwardDelay());
        }
        if (n.pxe() != null) {
            out.add("pxe root: " + quote(n.pxe().tftpRoot()) + ", file: " + quote(n.pxe().bootFile()));
        }
        if (n.driver() != NetworkDef.Driver.AUTO) {
            out.add("driver " + quote(n.driver().keyword()));
        }
        if (!n.autostart()) {
            out.add("autostart false");
        }
        return out;
    }

    private static List<String> vm(VmDef vm, Comments comments) {
        List<String> out = new ArrayList<>();
        if (vm.os() != null) {
            // The OS's defaults fill what is not written, so everything below is written explicitly.
            out.add("os " + quote(vm.os()));
        }
        if (vm.was() != null) {
            out.add("was " + quote(vm.was()));
        }
        if (vm.isProtected()) {
            out.add("protect true");
        }
        out.add("memory " + vm.memoryMiB());
        if (vm.cpus() != 1) {
            out.add("cpus " + vm.cpus());
        }
        if (vm.virtType().equals("qemu")) {
            out.add("accel 'tcg'");
        }
        for (DiskDef d : vm.disks()) {
            out.add(disk(vm, d));
        }
        if (!vm.boot().equals(VmDef.defaultBoot(vm.disks(), vm.nics(), vm.kernel()))) {
            out.add("boot " + String.join(", ", vm.boot().stream().map(ScriptWriter::quote).toList()));
        }
        if (vm.kernel() != null) {
            out.add("kernel " + quote(vm.kernel().kernel()));
            if (vm.kernel().initrd() != null) {
                out.add("initrd " + quote(vm.kernel().initrd()));
            }
            if (vm.kernel().cmdline() != null) {
                out.add("cmdline " + quote(vm.kernel().cmdline()));
            }
        }
        for (NicDef nic : vm.nics()) {
            out.add(nicWithModel(vm, nic));
        }
        if (vm.graphics() != null) {
            out.add("graphics " + quote(vm.graphics().type()));
        }
        if (vm.serialLog() != null) {
            out.add("serial " + quote(vm.serialLog()));
        }
        if (vm.autostart()) {
            out.add("autostart true");
        }
        if (vm.state() != VmState.RUNNING) {
            out.add("state " + (vm.state() == null ? "'any'" : "'stopped'"));
        }
        if (!vm.customize().isEmpty()) {
            out.add("customize {");
            // Edits for one reason (an element and its unit, say) share its comment.
            String said = null;
            for (XmlEdit e : vm.customize()) {
                String why = comments.edits().get(e);
                if (why != null && !why.equals(said)) {
                    out.add(INDENT + "// " + why);
                }
                said = why;
                out.add(INDENT + switch (e.kind()) {
                    case SET -> "set " + quote(e.xpath()) + ", " + quote(e.value());
                    case REMOVE -> "remove " + quote(e.xpath());
                    case APPEND -> "append " + quote(e.xpath()) + ", " + quote(e.value());
                });
            }
            out.add("}");
        }
        if (vm.cloudInit() != null) {
            out.add("cloudInit {");
            cloudInit(vm, vm.cloudInit()).forEach(line -> out.add(INDENT + line));
            out.add("}");
        }
        return out;
    }

    private static List<String> cloudInit(VmDef vm, CloudInitDef c) {
        List<String> out = new ArrayList<>();
        if (!c.hostname().equals(vm.name())) {
            out.add("hostname " + quote(c.hostname()));
        }
        for (CloudInitDef.User u : c.users()) {
            StringBuilder sb = new StringBuilder("user " + quote(u.name()));
            if (!u.sshKeys().isEmpty()) {
                sb.append(", sshKey: [").append(String.join(", ", u.sshKeys().stream().map(ScriptWriter::quote).toList()))
                        .append(']');
            }
            if (u.sudo() != null) {
                sb.append(", sudo: ").append(u.sudo().equals("ALL=(ALL) NOPASSWD:ALL") ? "true" : quote(u.sudo()));
            }
            if (u.password() != null) {
                sb.append(", password: ").append(quote(u.password()));
            }
            out.add(sb.toString());
        }
        if (!c.packages().isEmpty()) {
            out.add("packages " + String.join(", ", c.packages().stream().map(ScriptWriter::quote).toList()));
        }
        c.runcmd().forEach(cmd -> out.add("runcmd " + quote(cmd)));
        c.writeFiles().forEach(f -> out.add("writeFile " + quote(f.path()) + ", " + quote(f.content())));
        if (c.timezone() != null) {
            out.add("timezone " + quote(c.timezone()));
        }
        if (c.userData() != null) {
            out.add("userData " + quote(c.userData()));
        }
        if (c.networkConfig() != null) {
            out.add("networkConfig " + quote(c.networkConfig()));
        }
        return out;
    }

    private static String disk(VmDef vm, DiskDef d) {
        if (d.device() == DiskDef.Device.CDROM) {
            return "cdrom " + quote(d.path()) + (d.bus().equals("ide") ? "" : ", bus: " + quote(d.bus()));
        }
        StringBuilder sb = new StringBuilder("disk ");
        if (d.isNewVolume()) {
            // An overlay without a size has its backing image's.
            List<String> options = new ArrayList<>();
            if (d.sizeBytes() > 0 || d.backing() == null) {
                options.add("size: " + quote(size(d.sizeBytes())));
            }
            if (d.backing() != null) {
                options.add("backing: " + quote(d.backing()));
            }
            sb.append(String.join(", ", options));
            if (d.backing() != null) {
                if (d.backingFormat() != null) {
                    sb.append(", backingFormat: ").append(quote(d.backingFormat()));
                }
            }
            if (d.pool() != null) {
                sb.append(", pool: ").append(quote(d.pool()));
            }
            if (!d.volume().equals(vm.name() + "-" + d.target() + ".qcow2")) {
                sb.append(", name: ").append(quote(d.volume()));
            }
        } else {
            sb.append(quote(d.path()));
            String implied = d.path().endsWith(".qcow2") ? "qcow2" : "raw";
            if (!d.format().equals(implied)) {
                sb.append(", format: ").append(quote(d.format()));
            }
        }
        if (!d.bus().equals("virtio") || vm.os() != null) {
            sb.append(", bus: ").append(quote(d.bus()));
        }
        if (d.protect()) {
            sb.append(", protect: true");
        }
        return sb.toString();
    }

    private static String nic(NicDef nic) {
        List<String> options = new ArrayList<>();
        switch (nic.kind()) {
            case NETWORK -> options.add("network: " + quote(nic.network()));
            case BRIDGE -> options.add("bridge: " + quote(nic.bridge()));
            case TAP -> {
                options.add("tap: " + quote(nic.tap()));
                if (nic.network() != null) {
                    options.add("network: " + quote(nic.network()));
                }
            }
        }
        if (nic.mac() != null) {
            options.add("mac: " + quote(nic.mac()));
        }
        if (!"virtio".equals(nic.model())) {
            options.add("model: " + quote(nic.model()));
        }
        return "nic " + String.join(", ", options);
    }

    private static String nicWithModel(VmDef vm, NicDef nic) {
        String line = nic(nic);
        // With an OS the default model is the OS's: write virtio when it was chosen.
        return vm.os() != null && "virtio".equals(nic.model()) ? line + ", model: 'virtio'" : line;
    }

    /** The largest binary unit that divides the size: 8589934592 → '8G'. */
    static String size(long bytes) {
        String[] units = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        // Sizes in the DSL carry a unit, so a model from a script is always a whole number of KiB.
        return ((bytes + 1023) >> 10) + "K";
    }

    /** A single-quoted Groovy string literal (no interpolation), escaped. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
