package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import kvmsh.model.DiskDef;
import kvmsh.model.GraphicsDef;
import kvmsh.model.KernelBoot;
import kvmsh.model.NicDef;
import kvmsh.model.Origin;
import kvmsh.model.VmDef;
import kvmsh.model.VmState;
import kvmsh.model.XmlEdit;
import kvmsh.plan.DomainState;
import kvmsh.plan.Ownership;
import org.w3c.dom.Element;

/**
 * A libvirt domain read back as the {@code vm} block a person would write ({@code kvmsh import}):
 * the DSL's settings for what they express, {@code customize} edits (each with its reason) for what
 * else kvmsh's rendering would not recreate, so rendering the result gives the domain as it is,
 * apart from what libvirt fills in by itself (PCI addresses, controllers, the default memballoon and
 * PS/2 input, the emulator path).
 *
 * <p>The same reading decides adoption: a block equal to what this makes of the domain plans no
 * change besides the adoption ({@link XmlDigester#domain(DomainState)}).
 */
final class DomainImport {

    /** Devices libvirt adds by itself when a definition lacks them. */
    private static final Set<String> IMPLIED_DEVICES = Set.of("emulator", "controller");
    private static final Set<String> BUSES = Set.of("ide", "sata", "scsi", "usb", "virtio");
    private static final Set<String> NIC_PARTS = Set.of("mac", "source", "target", "model", "address", "alias", "boot");
    private static final Set<String> DISK_PARTS = Set.of("driver", "source", "target", "address", "alias", "boot",
            "readonly");
    private static final Set<String> READ_ELSEWHERE = Set.of("name", "uuid", "metadata", "memory", "currentMemory",
            "vcpu", "os", "features", "on_poweroff", "on_reboot", "on_crash", "devices");

    /**
     * A domain as a VM declaration.
     *
     * @param vm    the declaration (origins unknown)
     * @param notes comment lines for above the block
     * @param why   the reason for each customize edit
     */
    record Result(VmDef vm, List<String> notes, Map<XmlEdit, String> why) {
    }

    private final List<XmlEdit> early = new ArrayList<>();
    private final List<XmlEdit> late = new ArrayList<>();
    private final Map<XmlEdit, String> why = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private DomainImport() {
    }

    /**
     * Reads {@code d}.
     *
     * @param capacity    the capacity in bytes of a volume {@code pool/name}, 0 when unknown
     * @param tapNetwork  the network whose bridge a tap is on now, or null
     * @param knownOs     whether this host's osinfo database knows an OS id (the DSL's {@code os} needs it)
     */
    static Result of(DomainState d, Function<String, Long> capacity, Function<String, String> tapNetwork,
                     Predicate<String> knownOs) {
        return new DomainImport().read(d, capacity, tapNetwork, knownOs);
    }

    private Result read(DomainState d, Function<String, Long> capacity, Function<String, String> tapNetwork,
                        Predicate<String> knownOs) {
        Element root = LibvirtXml.root(d.xml(), "domain");
        String name = text(root, "name");
        String type = root.getAttribute("type");
        String virtType = "qemu".equals(type) ? "qemu" : "kvm";
        if (!type.equals("kvm") && !type.equals("qemu")) {
            set("/domain/@type", type, "domain type " + type + ": accel knows only kvm and tcg (qemu)");
        }
        String os = metadata(root, knownOs);
        long memoryMiB = memory(root);
        int cpus = 1;
        Element vcpu = child(root, "vcpu");
        if (vcpu != null) {
            cpus = Integer.parseInt(vcpu.getTextContent().trim());
            if (vcpu.hasAttribute("current")) {
                set("/domain/vcpu/@current", vcpu.getAttribute("current"), "fewer CPUs online than cpus: no DSL setting");
            }
        }
        KernelBoot kernel = null;
        List<String> boot = new ArrayList<>();
        Element osElement = child(root, "os");
        if (osElement != null) {
            kernel = os(osElement, boot);
        }
        features(child(root, "features"));
        lifecycle(root, "on_poweroff", "destroy");
        lifecycle(root, "on_reboot", "restart");
        lifecycle(root, "on_crash", "destroy");
        for (Element e : children(root)) {
            if (READ_ELSEWHERE.contains(e.getLocalName()) || e.getNamespaceURI() != null) {
                continue;
            }
            if (e.getLocalName().equals("resource") && "/machine".equals(text(e, "partition"))
                    && children(e).size() == 1) {
                continue; // libvirt's default cgroup partition
            }
            if (e.getLocalName().equals("clock") && "utc".equals(e.getAttribute("offset"))
                    && e.getAttributes().getLength() == 1 && children(e).isEmpty()) {
                continue; // libvirt's default clock, which it writes into every definition
            }
            append("/domain", e, "<" + e.getLocalName() + ">: the DSL has no setting for it");
        }

        List<DiskDef> disks = new ArrayList<>();
        List<NicDef> nics = new ArrayList<>();
        Map<Integer, String> bootOrder = new TreeMap<>();
        GraphicsDef graphics = null;
        String serialLog = null;
        boolean serial = false;
        Map<String, Integer> targets = new HashMap<>();
        Element devices = child(root, "devices");
        List<Element> deviceList = devices == null ? List.of() : children(devices);
        for (Element e : deviceList) {
            switch (e.getLocalName()) {
                case "disk" -> {
                    DiskDef disk = disk(e, disks.size() + 1, targets, capacity);
                    if (disk != null) {
                        disks.add(disk);
                        order(e, bootOrder, disk.device() == DiskDef.Device.CDROM ? "cdrom" : "hd");
                    } else {
                        append("/domain/devices", e, diskReason(e));
                    }
                }
                case "interface" -> {
                    NicDef nic = nic(e, nics.size() + 1, tapNetwork);
                    if (nic != null) {
                        nics.add(nic);
                        order(e, bootOrder, "network");
                    } else {
                        append("/domain/devices", e, "a NIC of type " + e.getAttribute("type")
                                + ": nic knows libvirt networks, host bridges and taps");
                    }
                }
                case "serial" -> {
                    if (!serial && "pty".equals(e.getAttribute("type"))
                            && "0".equals(attrOr(child(e, "target"), "port", "0"))) {
                        serial = true;
                        serialLog = attrOr(child(e, "log"), "file", null);
                    } else {
                        append("/domain/devices", e, "a serial port besides the first pty one: serial knows one");
                    }
                }
                case "console" -> {
                    Element target = child(e, "target");
                    if (!"pty".equals(e.getAttribute("type"))
                            || !"serial".equals(attrOr(target, "type", "serial"))) {
                        append("/domain/devices", e, "a console that is not the serial pty: no DSL setting");
                    }
                }
                case "graphics" -> {
                    String g = e.getAttribute("type");
                    if (graphics == null && (g.equals("vnc") || g.equals("spice"))) {
                        graphics = new GraphicsDef(g, "127.0.0.1", -1);
                        if ("no".equals(e.getAttribute("autoport"))) {
                            notes.add("its " + g + " console's fixed port " + e.getAttribute("port")
                                    + " is not kept: kvmsh lets libvirt choose the port");
                        }
                    } else {
                        append("/domain/devices", e, "a second or " + g + " console: graphics knows one vnc or spice");
                    }
                }
                case "memballoon" -> {
                    if (!"virtio".equals(e.getAttribute("model")) || !children(e).stream()
                            .allMatch(c -> Set.of("address", "alias").contains(c.getLocalName()))) {
                        append("/domain/devices", e, "a memory balloon other than libvirt's default: no DSL setting");
                    }
                }
                case "input" -> {
                    boolean implied = Set.of("mouse", "keyboard").contains(e.getAttribute("type"))
                            && "ps2".equals(e.getAttribute("bus"));
                    if (!implied) {
                        append("/domain/devices", e, "an input device: no DSL setting");
                    }
                }
                default -> {
                    if (!IMPLIED_DEVICES.contains(e.getLocalName())) {
                        append("/domain/devices", e, "<" + e.getLocalName() + ">: no DSL setting");
                    }
                }
            }
        }
        if (!serial) {
            remove("/domain/devices/serial[1]", "the VM has no serial pty: kvmsh's rendering always adds one");
            remove("/domain/devices/console[1]", "the VM has no serial console: kvmsh's rendering adds one");
        }
        if (!bootOrder.isEmpty()) {
            // Per-device <boot order>: the same order as the DSL's device kinds.
            boot.clear();
            bootOrder.values().stream().distinct().forEach(boot::add);
            notes.add("its boot order was set per device; here as boot devices");
        }
        if (boot.isEmpty()) {
            boot.addAll(VmDef.defaultBoot(disks, nics, kernel));
        }
        VmState state = d.running() ? VmState.RUNNING : VmState.STOPPED;
        List<XmlEdit> edits = new ArrayList<>(early);
        edits.addAll(late);
        VmDef vm = new VmDef(name, virtType, memoryMiB, cpus, disks, List.copyOf(boot), kernel, nics, graphics,
                serialLog, d.autostart(), state, os, edits, Origin.UNKNOWN);
        return new Result(vm, notes, why);
    }

    private String metadata(Element root, Predicate<String> knownOs) {
        String os = null;
        for (Element metadata : children(root, "metadata")) {
            for (Element m : children(metadata)) {
                if (DomainXmlRenderer.LIBOSINFO.equals(m.getNamespaceURI())) {
                    for (Element o : children(m)) {
                        if ("os".equals(o.getLocalName()) && o.hasAttribute("id")) {
                            String id = o.getAttribute("id");
                            if (knownOs.test(id)) {
                                os = id;
                            } else {
                                notes.add("its OS " + id + " is not in this host's osinfo database, so it is not"
                                        + " declared (install osinfo-db to keep it)");
                            }
                        }
                    }
                } else if (!Ownership.NAMESPACE.equals(m.getNamespaceURI())) {
                    notes.add("its metadata <" + m.getTagName() + "> (" + m.getNamespaceURI()
                            + ") is not kept if kvmsh redefines the VM");
                }
            }
        }
        return os;
    }

    private long memory(Element root) {
        Element memory = child(root, "memory");
        long bytes = bytes(memory);
        if (bytes % (1L << 20) != 0) {
            set("/domain/memory", String.valueOf(bytes >> 10), "memory is not a whole number of MiB");
            set("/domain/memory/@unit", "KiB", "memory is not a whole number of MiB");
        }
        Element current = child(root, "currentMemory");
        if (current != null && bytes(current) != bytes) {
            String reason = "the balloon holds it below memory: no DSL setting";
            set("/domain/currentMemory", String.valueOf(bytes(current) >> 10), reason);
            set("/domain/currentMemory/@unit", "KiB", reason);
        }
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /** The boot devices and direct kernel boot of {@code <os>}; the rest as edits. */
    private KernelBoot os(Element os, List<String> boot) {
        Element type = child(os, "type");
        if (type != null) {
            if (!"x86_64".equals(attrOr(type, "arch", "x86_64"))) {
                set("/domain/os/type/@arch", type.getAttribute("arch"), "architecture " + type.getAttribute("arch")
                        + ": kvmsh renders x86_64");
            }
            if (type.hasAttribute("machine")) {
                set("/domain/os/type/@machine", type.getAttribute("machine"),
                        "the machine type: no DSL setting, and libvirt's default may be another chipset");
            }
            if (!"hvm".equals(type.getTextContent().trim())) {
                set("/domain/os/type", type.getTextContent().trim(), "OS type other than hvm");
            }
        }
        String kernel = null;
        String initrd = null;
        String cmdline = null;
        for (Element e : children(os)) {
            switch (e.getLocalName()) {
                case "type" -> { /* above */ }
                case "boot" -> boot.add(e.getAttribute("dev").equals("fd") ? "hd" : e.getAttribute("dev"));
                case "kernel" -> kernel = e.getTextContent().trim();
                case "initrd" -> initrd = e.getTextContent().trim();
                case "cmdline" -> cmdline = e.getTextContent().trim();
                default -> append("/domain/os", e, "<os><" + e.getLocalName() + ">: firmware and boot menu have no DSL"
                        + " setting");
            }
        }
        boot.removeIf(b -> !List.of("hd", "cdrom", "network").contains(b));
        return kernel == null ? null : new KernelBoot(kernel, initrd, cmdline);
    }

    private void features(Element features) {
        if (features == null) {
            remove("/domain/features", "the VM has no ACPI/APIC features; kvmsh's rendering adds them");
            return;
        }
        boolean acpi = false;
        boolean apic = false;
        for (Element f : children(features)) {
            boolean plain = f.getAttributes().getLength() == 0 && children(f).isEmpty();
            if (plain && f.getLocalName().equals("acpi")) {
                acpi = true;
            } else if (plain && f.getLocalName().equals("apic")) {
                apic = true;
            } else {
                append("/domain/features", f, "feature " + f.getLocalName() + ": no DSL setting");
            }
        }
        if (!acpi) {
            remove("/domain/features/acpi", "the VM has no ACPI; kvmsh's rendering adds it");
        }
        if (!apic) {
            remove("/domain/features/apic", "the VM has no APIC; kvmsh's rendering adds it");
        }
    }

    private void lifecycle(Element root, String element, String kvmshDefault) {
        String value = text(root, element);
        if (value != null && !value.equals(kvmshDefault)) {
            set("/domain/" + element, value, element + " " + value + ": no DSL setting (kvmsh renders " + kvmshDefault + ")");
        }
    }

    /** A file or volume disk or CD-ROM the DSL can declare, or null. */
    private DiskDef disk(Element e, int index, Map<String, Integer> targets, Function<String, Long> capacity) {
        String device = attrOr(e, "device", "disk");
        String type = attrOr(e, "type", "file");
        Element source = child(e, "source");
        Element target = child(e, "target");
        Element driver = child(e, "driver");
        if (target == null || !(device.equals("disk") || device.equals("cdrom"))
                || !(type.equals("file") || type.equals("volume")) || source == null) {
            return null;
        }
        String dev = target.getAttribute("dev");
        String bus = attrOr(target, "bus", dev.startsWith("vd") ? "virtio" : dev.startsWith("hd") ? "ide" : "sata");
        String format = attrOr(driver, "type", "raw");
        boolean cdrom = device.equals("cdrom");
        if (!BUSES.contains(bus) || (type.equals("volume") && (cdrom || !format.equals("qcow2")))
                || (type.equals("file") && !source.hasAttribute("file"))) {
            return null;
        }
        int n = targets.merge(DiskDef.targetPrefix(bus), 1, Integer::sum) - 1;
        String kvmshTarget = DiskDef.target(bus, n);
        String at = "/domain/devices/disk[" + index + "]";
        if (!kvmshTarget.equals(dev)) {
            set(at + "/target/@dev", dev, "its device name; kvmsh would name it " + kvmshTarget);
        }
        if (driver != null) {
            for (int i = 0; i < driver.getAttributes().getLength(); i++) {
                String a = driver.getAttributes().item(i).getNodeName();
                if (!a.equals("name") && !a.equals("type")) {
                    set(at + "/driver/@" + a, driver.getAttribute(a), "driver " + a + ": no DSL setting");
                }
            }
        }
        if (cdrom && !format.equals("raw")) {
            set(at + "/driver/@type", format, "a CD-ROM image in format " + format);
        }
        boolean readonly = child(e, "readonly") != null;
        if (readonly && !cdrom) {
            append(at, "<readonly/>", "a read-only disk: no DSL setting");
        } else if (!readonly && cdrom) {
            remove(at + "/readonly", "a writable CD-ROM: no DSL setting");
        }
        for (Element c : children(e)) {
            if (!DISK_PARTS.contains(c.getLocalName())) {
                append(at, c, "disk <" + c.getLocalName() + ">: no DSL setting");
            }
        }
        Origin o = Origin.UNKNOWN;
        if (type.equals("volume")) {
            String pool = source.getAttribute("pool");
            String volume = source.getAttribute("volume");
            Long size = capacity.apply(pool + "/" + volume);
            return new DiskDef(DiskDef.Device.DISK, null, "qcow2", bus, kvmshTarget, pool, volume,
                    size == null ? 0 : size, null, null, o);
        }
        return new DiskDef(cdrom ? DiskDef.Device.CDROM : DiskDef.Device.DISK, source.getAttribute("file"),
                cdrom ? "raw" : format, bus, kvmshTarget, null, null, 0, null, null, o);
    }

    private static String diskReason(Element e) {
        String device = attrOr(e, "device", "disk");
        Element source = child(e, "source");
        if (source == null && device.equals("cdrom")) {
            return "an empty CD-ROM drive: cdrom needs an image";
        }
        return "a " + device + " of type " + attrOr(e, "type", "file")
                + ": disk and cdrom take image files and qcow2 pool volumes";
    }

    /** A NIC the DSL can declare, or null. */
    private NicDef nic(Element e, int index, Function<String, String> tapNetwork) {
        String type = e.getAttribute("type");
        Element source = child(e, "source");
        Element target = child(e, "target");
        String mac = attrOr(child(e, "mac"), "address", null);
        NicDef.Kind kind;
        String network = null;
        String bridge = null;
        String tap = null;
        switch (type) {
            case "network" -> {
                kind = NicDef.Kind.NETWORK;
                network = attrOr(source, "network", null);
                if (network == null) {
                    return null;
                }
            }
            case "bridge" -> {
                kind = NicDef.Kind.BRIDGE;
                bridge = attrOr(source, "bridge", null);
                if (bridge == null) {
                    return null;
                }
            }
            case "ethernet" -> {
                kind = NicDef.Kind.TAP;
                tap = attrOr(target, "dev", null);
                if (tap == null || !"no".equals(target.getAttribute("managed"))) {
                    return null;
                }
                network = tapNetwork.apply(tap);
            }
            default -> {
                return null;
            }
        }
        String at = "/domain/devices/interface[" + index + "]";
        String model = attrOr(child(e, "model"), "type", null);
        if (model == null) {
            model = "virtio";
            remove(at + "/model", "the NIC has no model (the hypervisor's default); nic always names one");
        }
        for (Element c : children(e)) {
            if (!NIC_PARTS.contains(c.getLocalName())) {
                append(at, c, "NIC <" + c.getLocalName() + ">: no DSL setting");
            }
        }
        return new NicDef(kind, network, bridge, tap, mac == null ? null : mac.toLowerCase(java.util.Locale.ROOT),
                model, Origin.UNKNOWN);
    }

    private static void order(Element e, Map<Integer, String> order, String kind) {
        Element boot = child(e, "boot");
        if (boot != null && boot.hasAttribute("order")) {
            order.put(Integer.parseInt(boot.getAttribute("order")), kind);
        }
    }

    private void set(String xpath, String value, String reason) {
        edit(early, new XmlEdit(XmlEdit.Kind.SET, xpath, value, Origin.UNKNOWN), reason);
    }

    private void remove(String xpath, String reason) {
        edit(early, new XmlEdit(XmlEdit.Kind.REMOVE, xpath, null, Origin.UNKNOWN), reason);
    }

    private void append(String xpath, Element e, String reason) {
        append(xpath, ElementText.compact(e), reason);
    }

    /** Appends come after the sets and removes, so positions like disk[2] still mean kvmsh's own devices. */
    private void append(String xpath, String fragment, String reason) {
        edit(late, new XmlEdit(XmlEdit.Kind.APPEND, xpath, fragment, Origin.UNKNOWN), reason);
    }

    private void edit(List<XmlEdit> list, XmlEdit e, String reason) {
        list.add(e);
        why.put(e, reason);
    }

    /** A size element ({@code <memory unit='KiB'>}) in bytes. */
    static long bytes(Element e) {
        long value = Long.parseLong(e.getTextContent().trim());
        String unit = attrOr(e, "unit", "KiB");
        return value * switch (unit) {
            case "b", "bytes" -> 1L;
            case "KB" -> 1000L;
            case "k", "KiB" -> 1L << 10;
            case "MB" -> 1000L * 1000;
            case "M", "MiB" -> 1L << 20;
            case "GB" -> 1000L * 1000 * 1000;
            case "G", "GiB" -> 1L << 30;
            case "TB" -> 1000L * 1000 * 1000 * 1000;
            case "T", "TiB" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in <" + e.getTagName() + ">");
        };
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    static List<Element> children(Element e, String name) {
        return children(e).stream().filter(c -> c.getNamespaceURI() == null && name.equals(c.getLocalName())).toList();
    }

    static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        List<Element> found = children(e, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }

    static String attrOr(Element e, String name, String fallback) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }
}
