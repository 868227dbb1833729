package kvmsh.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import kvmsh.model.DiskDef;
import kvmsh.model.GraphicsDef;
import kvmsh.model.NicDef;
import kvmsh.model.Origin;
import kvmsh.model.VmState;
import kvmsh.model.XmlEdit;

/**
 * The settings of a {@code vm 'name' { … }} block. Values are checked one by one here;
 * {@link VmResolver} checks them together and resolves defaults.
 */
public final class VmSpec extends BlockSpec {

    @Values(keyword = {"disk", "cdrom"}, option = "bus")
    static final List<String> BUSES = List.of("ide", "sata", "scsi", "usb", "virtio");
    @Values(keyword = "boot")
    static final List<String> BOOT_DEVICES = List.of("cdrom", "hd", "network");
    /** NIC models qemu emulates on x86 (libvirt's {@code <model type=…>}); osinfo's choices are among them. */
    @Values(keyword = "nic", option = "model")
    static final List<String> NIC_MODELS = List.of("virtio", "virtio-transitional", "virtio-non-transitional", "e1000",
            "e1000e", "igb", "rtl8139", "ne2k_pci", "pcnet", "i82551", "i82557b", "i82559er", "vmxnet3", "usb-net");
    /** Image formats libvirt knows for a disk's driver. */
    @Values(keyword = "disk", option = {"format", "backingFormat"})
    static final List<String> FORMATS = List.of("raw", "qcow2", "qcow", "qed", "vmdk", "vdi", "vpc", "vhdx", "luks",
            "bochs", "cloop", "dmg", "iso");
    /** The graphical consoles libvirt offers. */
    @Values(keyword = "graphics")
    static final List<String> GRAPHICS = List.of("vnc", "spice");

    Long memoryMiB;
    /** Where {@code memory} and {@code cpus} were set (for the host's bounds, checked by {@link VmResolver}). */
    Origin memoryAt;
    Integer cpus;
    Origin cpusAt;
    String virtType;
    /** Disks and CD-ROMs in order, target not yet assigned. */
    final List<DiskDef> disks = new ArrayList<>();
    Located<List<String>> boot;
    Located<String> kernel;
    Located<String> initrd;
    Located<String> cmdline;
    Located<String> guest;
    final List<NicDef> nics = new ArrayList<>();
    GraphicsDef graphics;
    Located<String> serialLog;
    Boolean autostart;
    /** {@code adopt true}: take over an existing unmanaged object of this name. */
    boolean adopt;
    /** Where {@code protect true} is; null when the VM is not protected. */
    Origin protectAt;
    /** {@code was 'old'}: the VM's previous name, and where it is said. */
    String was;
    Origin wasAt;
    VmState state = VmState.RUNNING;
    Located<String> os;
    final List<XmlEdit> customize = new ArrayList<>();
    Located<String> image;
    CloudInitSpec cloudInit;

    VmSpec(String name, Origin origin, Declarations decl, KvmshScript script) {
        super(name, origin, decl, script);
    }

    @Override
    String blockName() {
        return "vm";
    }

    /**
     * Memory in MiB (default 512).
     * <pre>{@code memory 128}</pre>
     */
    @Keyword(summary = "memory in MiB (default 512)", example = "memory 512",
            expects = "a number of MiB or a size like '2G'")
    public void memory(Number mib) {
        if (mib.doubleValue() != Math.rint(mib.doubleValue()) || mib.longValue() <= 0) {
            problem("memory must be a positive whole number of MiB, got " + mib, "e.g. memory 512 or memory '2G'");
            return;
        }
        memoryMiB = mib.longValue();
        memoryAt = here();
    }

    /**
     * Memory as a size with unit (binary: M = MiB, G = GiB).
     * <pre>{@code memory '2G'}</pre>
     */
    @Keyword(summary = "memory as a size (binary units)", example = "memory '2G'",
            expects = "a number of MiB or a size like '2G'")
    public void memory(String size) {
        OptionalLong bytes = Sizes.bytes(size, "M");
        if (bytes.isEmpty() || bytes.getAsLong() == 0 || bytes.getAsLong() % (1 << 20) != 0) {
            problem("memory expects a number of MiB or a size like '2G', got '" + size + "'",
                    "e.g. memory 512 or memory '2G'");
            return;
        }
        memoryMiB = bytes.getAsLong() >> 20;
        memoryAt = here();
    }

    /**
     * Virtual CPUs (default 1).
     * <pre>{@code cpus 2}</pre>
     */
    @Keyword(summary = "virtual CPUs (default 1)", example = "cpus 2", expects = "a positive whole number")
    public void cpus(int count) {
        if (count <= 0) {
            problem("cpus must be positive, got " + count, "e.g. cpus 1");
            return;
        }
        cpus = count;
        cpusAt = here();
    }

    /**
     * Acceleration: {@code 'kvm'} (hardware, default) or {@code 'tcg'} (emulation, no /dev/kvm needed).
     * <pre>{@code accel 'tcg'}</pre>
     */
    @Keyword(summary = "'kvm' (default) or 'tcg' emulation", example = "accel 'tcg'", expects = "'kvm' or 'tcg'")
    @Values({"kvm", "tcg"})
    public void accel(String accel) {
        switch (accel) {
            case "kvm" -> virtType = "kvm";
            case "tcg", "qemu" -> virtType = "qemu";
            default -> problem("unknown accel '" + accel + "'", "use accel 'kvm' or accel 'tcg'");
        }
    }

    /**
     * An existing disk image (format from the extension: .qcow2 → qcow2, else raw; bus virtio).
     * <pre>{@code disk 'images/cirros.qcow2'}</pre>
     */
    @Keyword(repeatable = true, summary = "existing disk image", example = "disk 'cirros.qcow2', bus: 'sata'",
            expects = "a path, optionally format: and bus:; or size: for a new volume",
            options = {"size", "pool", "name", "format", "bus"})
    @Values(kind = Values.Kind.PATH)
    public void disk(String path) {
        disk(Map.of(), path);
    }

    /**
     * An existing disk image with options {@code format:} and {@code bus:}.
     * <pre>{@code disk 'win.img', format: 'raw', bus: 'sata'}</pre>
     */
    @Keyword(repeatable = true, summary = "existing disk image", example = "disk 'cirros.qcow2', bus: 'sata'",
            expects = "a path, optionally format: and bus:; or size: for a new volume",
            options = {"size", "pool", "name", "format", "bus"})
    public void disk(Map<String, ?> options, String path) {
        if (!knownOptions("disk", options, List.of("bus", "format"))) {
            return;
        }
        String format = str(options, "format");
        if (format == null) {
            format = path.endsWith(".qcow2") ? "qcow2" : "raw";
        } else if (!FORMATS.contains(format)) {
            problem("unknown disk format '" + format + "'", Keywords.suggestion(format, FORMATS));
            return;
        }
        addDisk(DiskDef.Device.DISK, decl.absolute(path), format, str(options, "bus"), null, null, 0, null, null);
    }

    /**
     * A new thin qcow2 volume ({@code pool:} default: the host's 'default' pool, or its only pool; {@code name:} default
     * '&lt;vm&gt;-&lt;target&gt;.qcow2', {@code bus:} default virtio or the OS's), or with {@code backing:} a
     * copy-on-write overlay of an existing image (size: default the backing image's; {@code backingFormat:} default
     * from the extension). {@code protect: true} refuses every step that would delete the volume (see {@code protect}).
     * <pre>{@code disk size: '8G'}</pre>
     * <pre>{@code disk backing: '/srv/images/base.qcow2'}</pre>
     */
    @Keyword(repeatable = true, summary = "new thin qcow2 volume, or a copy-on-write overlay with backing:", example = "disk size: '8G'",
            expects = "a path, optionally format: and bus:; or size: (and/or backing:) for a new volume",
            options = {"size", "pool", "name", "backing", "backingFormat", "bus", "protect"})
    @Values(option = "backing", kind = Values.Kind.PATH)
    @Values(option = "pool", kind = Values.Kind.POOL)
    @Values(option = "name", kind = Values.Kind.VOLUME)
    public void disk(Map<String, ?> options) {
        if (!knownOptions("disk", options, List.of("backing", "backingFormat", "bus", "name", "pool", "protect", "size"))) {
            return;
        }
        if (options.containsKey("protect") && !(options.get("protect") instanceof Boolean)) {
            problem("disk protect: must be true or false", "e.g. disk size: '8G', protect: true");
            return;
        }
        boolean protect = Boolean.TRUE.equals(options.get("protect"));
        String size = str(options, "size");
        String backing = str(options, "backing");
        if (size == null && backing == null) {
            problem("disk needs a path, size: or backing:", "e.g. disk 'image.qcow2' or disk size: '8G'");
            return;
        }
        long capacity = 0;
        if (size != null) {
            OptionalLong bytes = Sizes.bytes(size, null);
            if (bytes.isEmpty() || bytes.getAsLong() == 0) {
                problem("disk size expects a size like '8G', got '" + size + "'", "e.g. disk size: '8G'");
                return;
            }
            capacity = bytes.getAsLong();
        }
        String backingFormat = null;
        if (backing != null) {
            backing = decl.absolute(backing);
            backingFormat = str(options, "backingFormat");
            if (backingFormat == null) {
                backingFormat = backing.endsWith(".qcow2") ? "qcow2" : "raw";
            } else if (!FORMATS.contains(backingFormat)) {
                problem("unknown backingFormat '" + backingFormat + "'", Keywords.suggestion(backingFormat, FORMATS));
                return;
            }
        } else if (options.containsKey("backingFormat")) {
            problem("backingFormat: without backing:", "add backing: 'base.qcow2' or remove backingFormat:");
        }
        if (options.containsKey("name") && !Names.check(decl.problems, here(), "volume", str(options, "name"),
                "disk size: '8G', name: 'web-data.qcow2'")) {
            return;
        }
        // No pool: the host's default pool, which the planner resolves against the host.
        String pool = str(options, "pool");
        // The volume name defaults to <vm>-<target>; VmResolver fills it in once targets are known.
        int before = disks.size();
        addDisk(DiskDef.Device.DISK, null, "qcow2", str(options, "bus"), pool, str(options, "name"), capacity,
                backing, backingFormat);
        if (protect && disks.size() > before) {
            disks.set(before, disks.get(before).withProtect(true));
        }
    }

    /**
     * A CD-ROM with an ISO image (bus ide by default).
     * <pre>{@code cdrom 'install.iso'}</pre>
     */
    @Keyword(repeatable = true, summary = "CD-ROM with an ISO image (bus ide)", example = "cdrom 'install.iso'",
            expects = "a path to an ISO, optionally bus:",
            options = {"bus"})
    @Values(kind = Values.Kind.PATH)
    public void cdrom(String path) {
        cdrom(Map.of(), path);
    }

    /**
     * A CD-ROM on another bus.
     * <pre>{@code cdrom 'install.iso', bus: 'sata'}</pre>
     */
    @Keyword(repeatable = true, summary = "CD-ROM with an ISO image (bus ide)", example = "cdrom 'install.iso', bus: 'sata'",
            expects = "a path to an ISO, optionally bus:",
            options = {"bus"})
    public void cdrom(Map<String, ?> options, String path) {
        if (knownOptions("cdrom", options, List.of("bus"))) {
            addDisk(DiskDef.Device.CDROM, decl.absolute(path), "raw", str(options, "bus"), null, null, 0, null, null);
        }
    }

    /** A disk; a null bus is filled in by {@link VmResolver} (the OS's choice, else virtio; ide for CD-ROMs). */
    private void addDisk(DiskDef.Device device, String path, String format, String bus, String pool, String volume,
                         long size, String backing, String backingFormat) {
        String b = bus == null ? null : bus.toLowerCase(Locale.ROOT);
        if (b != null && !BUSES.contains(b)) {
            problem("unknown bus '" + bus + "'", "use one of: " + String.join(", ", BUSES));
            return;
        }
        disks.add(new DiskDef(device, path, format, b, null, pool, volume, size, backing, backingFormat, here()));
    }

    /**
     * Boot order (default: hd if there is a disk, else cdrom, else network; none with kernel boot).
     * <pre>{@code boot 'network', 'hd'}</pre>
     */
    @Keyword(summary = "boot device order: 'hd', 'cdrom', 'network'", example = "boot 'network', 'hd'",
            expects = "one or more of 'hd', 'cdrom', 'network'")
    public void boot(String... devices) {
        for (int i = 0; i < devices.length; i++) {
            String d = devices[i];
            if (!BOOT_DEVICES.contains(d)) {
                problem("unknown boot device '" + d + "'", Keywords.suggestion(d, BOOT_DEVICES));
                return;
            }
            if (Arrays.asList(devices).subList(0, i).contains(d)) {
                problem("boot device '" + d + "' is listed twice", "name each device once, e.g. boot 'network', 'hd'");
                return;
            }
        }
        boot = new Located<>(List.copyOf(Arrays.asList(devices)), here());
    }

    /**
     * Direct kernel boot: qemu loads this kernel instead of booting from a device.
     * <pre>{@code kernel 'vmlinuz'}</pre>
     */
    @Keyword(summary = "direct kernel boot", example = "kernel 'vmlinuz'", expects = "a path to a kernel image")
    @Values(kind = Values.Kind.PATH)
    public void kernel(String path) {
        kernel = new Located<>(decl.absolute(path), here());
    }

    /**
     * Initial ramdisk for direct kernel boot.
     * <pre>{@code initrd 'initrd.img'}</pre>
     */
    @Keyword(summary = "initrd for direct kernel boot", example = "initrd 'initrd.img'",
            expects = "a path to an initrd")
    @Values(kind = Values.Kind.PATH)
    public void initrd(String path) {
        initrd = new Located<>(decl.absolute(path), here());
    }

    /**
     * Boots kvmsh's tiny test guest (Debian kernel + busybox initramfs): it leases an address by
     * DHCP, pings each address of {@code ping:}, stays up {@code wait:} seconds so others can ping
     * it, prints {@code KVMSH lease …}/{@code KVMSH ping … ok|fail} on the serial console and powers off
     * (or, with {@code stay: true}, when it gets an ACPI shutdown). {@code reach:} addresses are pinged
     * every second for good, printing {@code KVMSH reach A ok|fail} on each change; {@code count:} addresses
     * every half second for good, printing {@code KVMSH count A sent N lost L} after each loss and every
     * 20th ping (what a migration costs the guest); {@code show: 'block'}
     * prints the guest's disks ({@code KVMSH block vda}). The guest sends its VM name with its DHCP
     * request (so a network's DNS knows it), and a {@code ping:} entry that is a name is looked up in
     * the network's DNS first ({@code KVMSH resolve web.lab.local 10.0.0.5}). {@code ipv6: true} waits
     * for its SLAAC address ({@code KVMSH ipv6 fd00:10::…}); {@code serve: 80} answers HTTP on that port.
     * <pre>{@code guest ping: ['10.0.0.254', '172.16.0.1'], wait: 20}</pre>
     */
    @Keyword(summary = "boot kvmsh's tiny test guest (lease, ping, power off)",
            example = "guest ping: ['10.0.0.254', '172.16.0.1'], wait: 20",
            expects = "options ping:, reach: and count: (addresses; ping: also names), wait: (seconds), stay: (true to keep running), show: 'block', ipv6: true, serve: (a port)")
    public void guest(Map<String, ?> options) {
        if (!knownOptions("guest", options, List.of("count", "ipv6", "ping", "reach", "serve", "show", "stay", "wait"))) {
            return;
        }
        String cmdline = GuestCmdline.of(options, this);
        if (cmdline != null) {
            guest = new Located<>(cmdline, here());
        }
    }

    /** Boots the test guest with default options. <pre>{@code guest()}</pre> */
    @Keyword(summary = "boot kvmsh's tiny test guest (lease, ping, power off)", example = "guest()",
            expects = "no arguments, or options ping:, wait:, stay:")
    public void guest() {
        guest(Map.of());
    }

    /**
     * Kernel command line for direct kernel boot.
     * <pre>{@code cmdline 'console=ttyS0'}</pre>
     */
    @Keyword(summary = "kernel command line", example = "cmdline 'console=ttyS0'", expects = "a string")
    public void cmdline(String line) {
        cmdline = new Located<>(line, here());
    }

    /**
     * A network interface: on a libvirt network, an existing host bridge, or a named tap
     * (optionally plugged into a declared network's bridge); {@code mac:}, {@code model:} (default virtio, or
     * what {@code os} says the guest has drivers for).
     * <pre>{@code nic network: 'lan', mac: '52:54:00:00:00:01'}</pre>
     */
    @Keyword(repeatable = true, summary = "network interface", example = "nic network: 'lan'",
            expects = "network:, bridge: or tap: (plus mac:, model:)",
            options = {"network", "bridge", "tap", "mac", "model"})
    @Values(option = "network", kind = Values.Kind.NETWORK)
    @Values(option = "tap", kind = Values.Kind.NEW_TAP)
    public void nic(Map<String, ?> options) {
        if (!knownOptions("nic", options, List.of("bridge", "mac", "model", "network", "tap"))) {
            return;
        }
        String network = str(options, "network");
        String bridge = str(options, "bridge");
        String tap = str(options, "tap");
        NicDef.Kind kind;
        if (tap != null && bridge == null) {
            kind = NicDef.Kind.TAP;
        } else if (bridge != null && network == null && tap == null) {
            kind = NicDef.Kind.BRIDGE;
        } else if (network != null && bridge == null) {
            kind = NicDef.Kind.NETWORK;
        } else {
            problem("nic needs exactly one of network:, bridge:, tap: (tap: may add network:)",
                    "e.g. nic network: 'lan'");
            return;
        }
        String mac = str(options, "mac");
        if (mac != null) {
            String macProblem = Macs.problem(mac);
            if (macProblem != null) {
                problem(macProblem, Macs.FIX);
            }
            mac = Macs.normalize(mac);
        }
        String model = str(options, "model");
        if (model != null && !NIC_MODELS.contains(model)) {
            problem("unknown nic model '" + model + "'", Keywords.suggestion(model, NIC_MODELS));
            return;
        }
        // No model: VmResolver picks the OS's choice, else virtio.
        nics.add(new NicDef(kind, network, bridge, tap, mac, str(options, "model"), here()));
    }

    /**
     * A graphical console, listening on 127.0.0.1 with an automatic port.
     * <pre>{@code graphics 'vnc'}</pre>
     */
    @Keyword(summary = "graphical console on 127.0.0.1", example = "graphics 'vnc'", expects = "'vnc' or 'spice'")
    public void graphics(String type) {
        if (!GRAPHICS.contains(type)) {
            problem("unknown graphics '" + type + "'", "use graphics 'vnc' or graphics 'spice'");
            return;
        }
        graphics = new GraphicsDef(type, "127.0.0.1", -1);
    }

    /**
     * Serial console, also logged to a file.
     * <pre>{@code serial 'logs/web.log'}</pre>
     */
    @Keyword(summary = "serial console, logged to a file", example = "serial 'console.log'",
            expects = "a path to the log file")
    @Values(kind = Values.Kind.PATH)
    public void serial(String logFile) {
        serialLog = new Located<>(decl.absolute(logFile), here());
    }

    /**
     * Start the VM when the host boots (default false).
     * <pre>{@code autostart true}</pre>
     */
    @Keyword(summary = "start with the host (default false)", example = "autostart true", expects = "true or false")
    public void autostart(boolean on) {
        autostart = on;
    }

    /**
     * The hypervisor this VM runs on, one of the script's {@code hypervisor} declarations. Needed in
     * every {@code vm} block once a script declares hypervisors; a VM is on exactly one host.
     * <pre>{@code on 'a'}</pre>
     */
    @Keyword(summary = "the hypervisor this VM runs on (a hypervisor declared in the script)", example = "on 'a'",
            expects = "one hypervisor name: on 'a'")
    public void on(String... hypervisors) {
        if (hypervisors.length != 1) {
            onGiven = true;
            problem("vm " + name + " is on " + hypervisors.length + " hypervisors; a vm runs on exactly one",
                    "keep one name: on '" + (hypervisors.length == 0 ? "a" : hypervisors[0])
                            + "' (a network or pool may be on several)");
            return;
        }
        placeOn(hypervisors);
    }

    /**
     * Takes an existing VM of this name that kvmsh does not manage under management: {@code plan}
     * shows {@code = adopt vm NAME}, and applying writes kvmsh's ownership metadata only (no restart,
     * no new UUID or MAC); differences between this block and the VM are planned as usual changes.
     * Without it (or {@code --adopt}) such a name is refused. {@code kvmsh import} writes the block.
     * <pre>{@code adopt true}</pre>
     */
    @Keyword(summary = "take over the existing unmanaged VM of this name (writes kvmsh's metadata only)",
            example = "adopt true", expects = "true or false")
    public void adopt(boolean on) {
        adopt = on;
    }

    /**
     * Protects the VM from deletion: a plan with a step that would undefine it (its removal from the script,
     * {@code down}, a prune) is refused, even with {@code --yes}, with an error at this line. kvmsh records the
     * protection with the VM, so removing the block does not lift it: run the script with {@code protect false}
     * first. Its disks are kept with it; {@code disk …, protect: true} protects one disk by itself.
     * <pre>{@code protect true}</pre>
     */
    @Keyword(summary = "refuse every step that would delete this VM, even with --yes", example = "protect true",
            expects = "true or false")
    public void protect(boolean on) {
        protectAt = on ? here() : null;
    }

    /**
     * The name this VM had: {@code plan} shows a rename of the existing VM (libvirt's rename: the same
     * domain, UUID, MACs and disks, volumes keep their names) instead of removing one VM and creating
     * another. A running VM is shut down for it (libvirt renames only stopped VMs), which needs consent,
     * and started again. Keep the line after the rename: the VM's volumes keep their old names
     * ({@code dbsrever-vda.qcow2}), and {@code was} is how kvmsh knows they are this VM's disks.
     * <pre>{@code was 'dbsrever'}</pre>
     */
    @Keyword(summary = "the VM's previous name: rename it, keeping its UUID, MACs and disks", example = "was 'dbsrever'",
            expects = "the VM's previous name: was 'old'")
    public void was(String oldName) {
        if (!Names.check(decl.problems, here(), "vm", oldName, "was 'dbsrever'")) {
            return;
        }
        if (oldName.equals(name)) {
            problem("was names the VM's own name '" + oldName + "'", "name the VM's previous name, or remove was");
            return;
        }
        was = oldName;
        wasAt = here();
    }

    /**
     * The state apply leaves the VM in: {@code 'running'} (default, like virt-install) or
     * {@code 'stopped'} (defined but off); {@code 'any'} leaves it as it is.
     * <pre>{@code state 'stopped'}</pre>
     */
    @Keyword(summary = "'running' (default), 'stopped' or 'any'", example = "state 'stopped'",
            expects = "'running', 'stopped' or 'any'")
    @Values({"running", "stopped", "any"})
    public void state(String desired) {
        switch (desired) {
            case "running" -> state = VmState.RUNNING;
            case "stopped" -> state = VmState.STOPPED;
            case "any" -> state = null;
            default -> problem("unknown state '" + desired + "'", "use 'running', 'stopped' or 'any'");
        }
    }

    /**
     * The guest OS as an osinfo short id (or full id): picks the disk bus, NIC model and memory the
     * OS is known to handle, where the script does not set them; needs the {@code osinfo-db} package.
     * <pre>{@code os 'debian11'}</pre>
     */
    @Keyword(summary = "guest OS (osinfo short id): picks disk bus, NIC model, memory", example = "os 'debian11'",
            expects = "an osinfo short id like 'debian11' (see osinfo-query os)")
    @Values(kind = Values.Kind.OS)
    public void os(String id) {
        os = new Located<>(id.trim(), here());
    }

    /**
     * Edits the generated domain XML by XPath, for anything the DSL does not cover (virt-manager's
     * "customize configuration before install"). {@code plan} shows each edit.
     * <pre>{@code customize { set '/domain/devices/interface/model/@type', 'e1000' }}</pre>
     */
    @Keyword(repeatable = true, summary = "edit the generated domain XML by XPath", example = "customize { set '/domain/vcpu/@placement', 'static' }",
            expects = "a block of set, remove and append statements")
    public void customize(@DelegatesTo(value = CustomizeSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        CustomizeSpec spec = new CustomizeSpec(name, here(), decl, script);
        spec.run(body);
        customize.addAll(spec.edits);
    }

    /**
     * The base image the VM's first disk is a thin copy-on-write overlay of (a distribution's cloud
     * image): the first {@code disk size:} becomes the overlay, grown to its size, or without one an
     * overlay of the image's size. kvmsh never writes or deletes the image itself.
     * <pre>{@code image '/srv/images/debian-12-genericcloud-amd64.qcow2'}</pre>
     */
    @Keyword(summary = "base image: the first disk is a thin overlay of it", example = "image '/srv/images/debian-12.qcow2'",
            expects = "a path to a qcow2 or raw image")
    @Values(kind = Values.Kind.PATH)
    public void image(String path) {
        if (image != null) {
            problem("image is set twice", "keep one image; more disks: disk backing: 'other.qcow2'");
            return;
        }
        image = new Located<>(decl.absolute(CloudInitSpec.expand(path)), here());
    }

    /**
     * The guest's identity and first-boot work for cloud-init: a NoCloud seed (ISO 9660, label
     * {@code cidata}) built by kvmsh, uploaded into the VM's pool and attached read-only as a CD-ROM.
     * Its instance-id comes from its content, so a changed setting makes cloud-init run again.
     * <pre>{@code cloudInit { user 'admin', sshKey: '~/.ssh/id_ed25519.pub', sudo: true }}</pre>
     */
    @Keyword(summary = "cloud-init: hostname, users and keys, packages … on a NoCloud seed",
            example = "cloudInit { user 'admin', sshKey: '~/.ssh/id_ed25519.pub', sudo: true }",
            expects = "a block of hostname, user, packages, runcmd, writeFile, timezone, userData, networkConfig")
    public void cloudInit(@DelegatesTo(value = CloudInitSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        if (cloudInit != null) {
            problem("cloudInit is declared twice in vm '" + name + "'", "put all its settings in one cloudInit block");
            return;
        }
        CloudInitSpec spec = new CloudInitSpec(name, here(), decl, script);
        spec.run(body);
        cloudInit = spec;
    }
}
