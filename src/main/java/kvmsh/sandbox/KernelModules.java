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

    /** A module file to copy; {@code file} may be compressed (.ko.xz, .ko.zst, .ko.gz). */
    record Module(String name, Path file) {
    }

    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();

    KernelModules(Path dir) throws IOException {
        this.dir = dir;
        for (String line : Files.readAllLines(dir.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String rel = line.substring(0, colon);
                files.put(moduleName(rel), dir.resolve(rel));
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

    /** {@code kernel/drivers/net/virtio_net.ko.xz} → {@code virtio_net}; dashes count as underscores. */
    static String moduleName(String relPath) {
        String base = relPath.substring(relPath.lastIndexOf('/') + 1);
        int ko = base.indexOf(".ko");
        return (ko < 0 ? base : base.substring(0, ko)).replace('-', '_');
    }
}
