package kvmsh.libvirt;

import java.util.List;
import kvmsh.model.DiskDef;
import kvmsh.model.GraphicsDef;
import kvmsh.model.KernelBoot;
import kvmsh.model.NicDef;
import kvmsh.model.VmDef;

/** {@link VmDef} → libvirt {@code <domain>} XML (see {@link XmlRenderer#domain}). */
final class DomainXmlRenderer {

    private static final List<String> BOOT_DEVICES = List.of("hd", "cdrom", "network");
    static final String LIBOSINFO = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    private DomainXmlRenderer() {
    }

    static XmlNode render(VmDef vm, Annotations a) {
        XmlNode domain = new XmlNode("domain").attr("type", vm.virtType());
        domain.textChild("name", vm.name());
        if (a.uuid() != null) {
            domain.textChild("uuid", a.uuid());
        }
        OwnershipXml.append(domain, a.owner());
        if (vm.os() != null) {
            // As virt-install/virt-manager record it: tools (and kvmsh info) can tell the guest OS.
            XmlNode metadata = domain.children.stream().filter(c -> c.name.equals("metadata")).findFirst()
                    .orElseGet(() -> domain.child("metadata"));
            metadata.child("libosinfo", LIBOSINFO, "libosinfo").child("libosinfo", LIBOSINFO, "os").attr("id", vm.os());
        }
        if (vm.cloudInit() != null && a.owner() != null) {
            // The seed's instance-id, outside the digest: a changed seed is replaced on its own,
            // without redefining the VM.
            XmlNode metadata = domain.children.stream().filter(c -> c.name.equals("metadata")).findFirst()
                    .orElseGet(() -> domain.child("metadata"));
            metadata.child(Seeds.PREFIX, Seeds.NAMESPACE, "seed")
                    .attr("instance-id", kvmsh.cloudinit.CloudConfig.render(vm.cloudInit()).instanceId());
        }
        domain.child("memory").attr("unit", "MiB").text = String.valueOf(vm.memoryMiB());
        domain.textChild("vcpu", vm.cpus());
        appendOs(domain.child("os"), vm);
        // ACPI lets the guest see a power button, so a graceful shutdown (virDomainShutdown) works.
        XmlNode features = domain.child("features");
        features.child("acpi");
        features.child("apic");
        domain.textChild("on_poweroff", "destroy")
                .textChild("on_reboot", "restart")
                .textChild("on_crash", "destroy");

        XmlNode devices = domain.child("devices");
        for (DiskDef disk : vm.disks()) {
            appendDisk(devices, disk);
        }
        if (vm.cloudInit() != null) {
            XmlNode seed = devices.child("disk").attr("type", "volume").attr("device", "cdrom");
            seed.child("driver").attr("name", "qemu").attr("type", "raw");
            seed.child("source").attr("pool", vm.cloudInit().seedPool()).attr("volume", vm.cloudInit().seedVolume());
            seed.child("target").attr("dev", vm.cloudInit().seedTarget()).attr("bus", "ide");
            seed.child("readonly");
        }
        for (int i = 0; i < vm.nics().size(); i++) {
            NicDef nic = vm.nics().get(i);
            appendInterface(devices, nic, nic.mac() != null ? nic.mac() : a.mac(i));
        }
        appendConsole(devices, vm.serialLog());
        if (vm.graphics() != null) {
            appendGraphics(devices, vm.graphics());
        }
        return domain;
    }

    private static void appendOs(XmlNode os, VmDef vm) {
        os.child("type").attr("arch", "x86_64").text = "hvm";
        KernelBoot kernel = vm.kernel();
        if (kernel != null) {
            os.textChild("kernel", kernel.kernel());
            if (kernel.initrd() != null) {
                os.textChild("initrd", kernel.initrd());
            }
            if (kernel.cmdline() != null) {
                os.textChild("cmdline", kernel.cmdline());
            }
        }
        for (String device : vm.boot()) {
            if (!BOOT_DEVICES.contains(device)) {
                throw new IllegalArgumentException("unknown boot device '" + device + "' of VM " + vm.name()
                        + " (expected one of " + BOOT_DEVICES + ")");
            }
            os.child("boot").attr("dev", device);
        }
    }

    private static void appendDisk(XmlNode devices, DiskDef d) {
        boolean cdrom = d.device() == DiskDef.Device.CDROM;
        XmlNode disk = devices.child("disk")
                .attr("type", d.isNewVolume() ? "volume" : "file")
                .attr("device", cdrom ? "cdrom" : "disk");
        disk.child("driver").attr("name", "qemu").attr("type", d.format());
        if (d.isNewVolume()) {
            disk.child("source").attr("pool", d.pool()).attr("volume", d.volume());
        } else if (d.path() != null) {
            // A CD-ROM without a path is an empty drive: no <source> at all.
            disk.child("source").attr("file", d.path());
        }
        disk.child("target").attr("dev", d.target()).attr("bus", d.bus());
        if (cdrom) {
            disk.child("readonly");
        }
    }

    private static void appendInterface(XmlNode devices, NicDef nic, String mac) {
        XmlNode iface = devices.child("interface");
        switch (nic.kind()) {
            case NETWORK -> iface.attr("type", "network");
            case BRIDGE -> iface.attr("type", "bridge");
            // A TAP NIC is plain ethernet even when it names a network: kvmsh creates the tap and
            // plugs it into that network's bridge itself, so libvirt must not manage it.
            case TAP -> iface.attr("type", "ethernet");
            default -> throw new IllegalArgumentException("unknown NIC kind " + nic.kind());
        }
        if (mac != null) {
            iface.child("mac").attr("address", mac);
        }
        switch (nic.kind()) {
            case NETWORK -> iface.child("source").attr("network", nic.network());
            case BRIDGE -> iface.child("source").attr("bridge", nic.bridge());
            default -> { /* ethernet: no source */ }
        }
        if (nic.tap() != null) {
            XmlNode target = iface.child("target").attr("dev", nic.tap());
            if (nic.kind() == NicDef.Kind.TAP) {
                // libvirt keeps the name of an existing tap (and leaves it alone) only with managed='no'.
                target.attr("managed", "no");
            }
        }
        if (nic.model() != null) {
            iface.child("model").attr("type", nic.model());
        }
    }

    private static void appendConsole(XmlNode devices, String serialLog) {
        // Always a pty serial + console, so `virsh console` works; the log file is optional.
        XmlNode serial = devices.child("serial").attr("type", "pty");
        if (serialLog != null) {
            serial.child("log").attr("file", serialLog).attr("append", "off");
        }
        serial.child("target").attr("port", 0);
        devices.child("console").attr("type", "pty").child("target").attr("type", "serial").attr("port", 0);
    }

    private static void appendGraphics(XmlNode devices, GraphicsDef g) {
        boolean autoport = g.port() < 0;
        XmlNode graphics = devices.child("graphics")
                .attr("type", g.type())
                .attr("port", autoport ? -1 : g.port())
                .attr("autoport", autoport ? "yes" : "no");
        if (g.listen() != null) {
            graphics.child("listen").attr("type", "address").attr("address", g.listen());
        }
    }
}
