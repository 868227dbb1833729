package kvmsh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds kernel modules by name in {@code /lib/modules/<version>} using its modules.dep and
 * modules.builtin, so the guest can {@code insmod} them in a fixed order without modprobe.
 */
final class KernelModules {

    /** What the guest needs for a virtio NIC, in load order (dependencies first). */
    static final List<String> VIRTIO_NET = List.of("virtio_ring", "virtio", "virtio_pci_modern_dev",
            "virtio_pci_legacy_dev", "virtio_pci", "failover", "net_failover", "virtio_net");

    /**
     * Loaded when the kernel has them: virtio disks (so the guest sees a new disk in /sys/block),
     * and the ACPI power button with its input events (so it shuts down gracefully).
     */
    static final List<String> EXTRAS = List.of("virtio_blk", "button", "evdev");

    /**
     * Loaded when the kernel has them: the cloud-init seed's CD-ROM and its ISO 9660 filesystem. kvmsh
     * attaches the seed on the IDE bus, which is PIIX (ata_piix) on libvirt's default pc machine and
     * AHCI on q35; sr_mod comes before the controllers so it takes the drive as their probe finds it.
     */
    static final List<String> SEED_CDROM = List.of("scsi_common", "scsi_mod", "cdrom", "sr_mod", "libata",
            "ata_piix", "libahci", "ahci", "isofs");

    /** A module file to copy; {@code file} may be compressed (.ko.xz, .ko.zst, .ko.gz). */
    record Module(String name, Path file) {
    }

    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, List<String>> needs = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();

    KernelModules(Path dir) throws IOException {
        this.dir = dir;
        for (String line : Files.readAllLines(dir.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String rel = line.substring(0, colon);
                files.put(moduleName(rel), dir.resolve(rel));
                List<String> deps = new ArrayList<>();
                for (String dep : line.substring(colon + 1).strip().split("\\s+")) {
                    if (!dep.isEmpty()) {
                        deps.add(moduleName(dep));
                    }
                }
                needs.put(moduleName(rel), deps);
            }
        }
        Path builtinList = dir.resolve("modules.builtin");
        if (Files.exists(builtinList)) {
            for (String line : Files.readAllLines(builtinList)) {
                if (!line.isBlank()) {
                    builtin.add(moduleName(line.strip()));
                }
            }
        }
    }

    /**
     * The loadable modules among {@code names}, in the given order; built-in ones are skipped.
     *
     * @throws IllegalStateException when a module is neither loadable nor built in
     */
    List<Module> resolve(List<String> names) {
        List<Module> out = new ArrayList<>();
        for (String n : names) {
            String key = n.replace('-', '_');
            if (files.containsKey(key)) {
                out.add(new Module(key, files.get(key)));
            } else if (!builtin.contains(key)) {
                throw new IllegalStateException("kernel module " + n + " is neither in " + dir.resolve("modules.dep")
                        + " nor built in");
            }
        }
        return out;
    }

    /** Like {@link #resolve}, but modules this kernel lacks are skipped instead of failing. */
    List<Module> resolveAvailable(List<String> names) {
        List<Module> out = new ArrayList<>();
        for (String n : names) {
            String key = n.replace('-', '_');
            if (files.containsKey(key)) {
                out.add(new Module(key, files.get(key)));
            }
        }
        return out;
    }

    /**
     * Checks that {@code order} loads every module after the ones it needs (the guest has no modprobe:
     * insmod of a module before its dependency fails at boot, far from the cause).
     *
     * @throws IllegalStateException naming the first module loaded before one it needs
     */
    void checkLoadOrder(List<Module> order) {
        Set<String> loaded = new HashSet<>();
        for (Module m : order) {
            for (String dep : needs.getOrDefault(m.name(), List.of())) {
                if (!loaded.contains(dep) && !builtin.contains(dep)) {
                    throw new IllegalStateException("kernel module " + m.name() + " needs " + dep
                            + ", which the guest does not load before it (" + dir.resolve("modules.dep") + ")");
                }
            }
            loaded.add(m.name());
        }
    }

    /** {@code kernel/drivers/net/virtio_net.ko.xz} → {@code virtio_net}; dashes count as underscores. */
    static String moduleName(String relPath) {
        String base = relPath.substring(relPath.lastIndexOf('/') + 1);
        int ko = base.indexOf(".ko");
        return (ko < 0 ? base : base.substring(0, ko)).replace('-', '_');
    }
}
