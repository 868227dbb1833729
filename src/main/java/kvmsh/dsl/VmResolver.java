package kvmsh.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvmsh.model.CloudInitDef;
import kvmsh.model.DiskDef;
import kvmsh.model.KernelBoot;
import kvmsh.model.NicDef;
import kvmsh.model.VmDef;
import kvmsh.osinfo.OsDefaults;

/**
 * Turns one {@link VmSpec} into a {@link VmDef}: assigns disk targets per bus in declaration order,
 * names new volumes, picks the boot order, checks that referenced files exist and fills defaults.
 */
final class VmResolver {

    /** Without the host's node info: 16 TiB, more than any x86-64 guest kvmsh could start is given. */
    static final long MAX_MEMORY_MIB = 16L << 20;
    /** Without the host's answer: Linux's KVM_MAX_VCPUS on x86-64. */
    static final int MAX_VCPUS = 4096;
    /** kvmsh's limit of NICs per VM: more is a loop gone wrong, not a machine anyone means to boot. */
    static final int MAX_NICS = 64;

    private final Problems problems;
    private final ValidationEnv env;

    VmResolver(Problems problems, ValidationEnv env) {
        this.problems = problems;
        this.env = env;
    }

    VmDef resolve(VmSpec s) {
        OsDefaults os = os(s);
        List<DiskDef> disks = disks(s, os);
        KernelBoot kernel = kernel(s);
        List<String> boot = s.boot != null ? s.boot.value() : VmDef.defaultBoot(disks, s.nics, kernel);
        String serial = null;
        if (s.serialLog != null) {
            serial = s.serialLog.value();
            Path dir = Path.of(serial).getParent();
            if (dir != null && !env.fileExists(dir.toString())) {
                problems.add(s.serialLog.origin(), "directory " + dir + " for the serial log does not exist",
                        "create it or log somewhere else");
            } else {
                // A log is a file kvmsh may create or append to, or a character device such as /dev/null.
                fileKind(s.serialLog.origin(), "serial log", serial, ValidationEnv.FileKind.REGULAR,
                        ValidationEnv.FileKind.CHAR_DEVICE);
            }
        }
        bounds(s);
        if (s.nics.size() > MAX_NICS) {
            problems.add(s.nics.get(MAX_NICS).origin(), "vm '" + s.name + "' has " + s.nics.size() + " NICs; kvmsh allows "
                    + MAX_NICS + " per VM", "check the loop that adds them");
        }
        List<NicDef> nics = new ArrayList<>();
        for (NicDef n : s.nics) {
            if (n.tap() != null) {
                new NetworkResolver(problems).checkIfName("tap", n.tap(), n.origin(), "use a shorter tap name");
            }
            String model = n.model() != null ? n.model() : os != null ? os.nicModel() : "virtio";
            nics.add(new NicDef(n.kind(), n.network(), n.bridge(), n.tap(), n.mac(), model, n.origin()));
        }
        CloudInitDef cloudInit = cloudInit(s, disks);
        long memory = s.memoryMiB != null ? s.memoryMiB : os != null && os.memoryMiB() > 0 ? os.memoryMiB() : 512;
        return new VmDef(s.name, s.virtType == null ? "kvm" : s.virtType, memory,
                s.cpus == null ? 1 : s.cpus, disks, boot, kernel, nics, s.graphics, serial,
                s.autostart != null && s.autostart, s.state, os == null ? null : os.id(), s.customize, cloudInit, s.origin,
                s.protectAt, s.was, s.wasAt);
    }

    /**
     * The OS's defaults, or null. Unknown ids are an error with suggestions; without the osinfo
     * database the id is ignored and kvmsh's own defaults (and the script's explicit settings) apply.
     */
    private OsDefaults os(VmSpec s) {
        if (s.os == null) {
            return null;
        }
        var db = env.osinfo();
        if (db.isEmpty()) {
            return null;
        }
        var found = db.get().defaults(s.os.value());
        if (found.isEmpty()) {
            problems.add(s.os.origin(), "unknown OS '" + s.os.value() + "' in the osinfo database",
                    Keywords.nearest(s.os.value(), db.get().shortIds()).map(n -> "did you mean '" + n + "'?")
                            .orElse("list the ids with: osinfo-query os (package libosinfo-bin)"));
            return null;
        }
        return found.get();
    }

    private List<DiskDef> disks(VmSpec s, OsDefaults os) {
        Map<String, Integer> used = new HashMap<>();
        List<DiskDef> disks = new ArrayList<>();
        for (DiskDef declared : withImage(s)) {
            String bus = declared.bus() != null ? declared.bus()
                    : declared.device() == DiskDef.Device.CDROM ? "ide" : os != null ? os.diskBus() : "virtio";
            DiskDef d = new DiskDef(declared.device(), declared.path(), declared.format(), bus, null, declared.pool(),
                    declared.volume(), declared.sizeBytes(), declared.backing(), declared.backingFormat(),
                    declared.origin(), declared.protect());
            String prefix = DiskDef.targetPrefix(d.bus());
            int index = used.merge(prefix, 1, Integer::sum) - 1;
            if (prefix.equals("hd") && index >= 4) {
                problems.add(d.origin(), "IDE has room for 4 devices (hda..hdd)", "put this one on bus: 'sata'");
                continue;
            }
            String target = DiskDef.target(d.bus(), index);
            String volume = d.volume();
            if (d.path() == null && volume == null) {
                volume = s.name + "-" + target + ".qcow2";
            }
            if (d.path() != null && !env.fileExists(d.path())) {
                String what = d.device() == DiskDef.Device.CDROM ? "ISO image " : "disk image ";
                problems.add(d.origin(), what + d.path() + " does not exist",
                        "check the path (relative paths are relative to the script's directory)");
            } else if (d.path() != null) {
                fileKind(d.origin(), d.device() == DiskDef.Device.CDROM ? "ISO image" : "disk image", d.path(),
                        ValidationEnv.FileKind.REGULAR, ValidationEnv.FileKind.BLOCK_DEVICE);
            }
            if (d.backing() != null && !env.fileExists(d.backing())) {
                problems.add(d.origin(), "backing image " + d.backing() + " does not exist",
                        "check the path (relative paths are relative to the script's directory)");
            } else if (d.backing() != null) {
                fileKind(d.origin(), "backing image", d.backing(), ValidationEnv.FileKind.REGULAR,
                        ValidationEnv.FileKind.BLOCK_DEVICE);
            }
            disks.add(new DiskDef(d.device(), d.path(), d.format(), d.bus(), target, d.pool(), volume, d.sizeBytes(),
                    d.backing(), d.backingFormat(), d.origin(), d.protect()));
        }
        return disks;
    }

    /**
     * The declared disks with {@code image} applied: the first new volume without a backing image
     * becomes its overlay (grown to that volume's size); without one, an overlay of the image's own
     * size comes first.
     */
    private List<DiskDef> withImage(VmSpec s) {
        if (s.image == null) {
            return s.disks;
        }
        String image = s.image.value();
        if (!env.fileExists(image)) {
            problems.add(s.image.origin(), "image " + image + " does not exist",
                    "check the path (relative paths are relative to the script's directory)");
            return s.disks;
        }
        String format = ImageFormat.of(image);
        List<DiskDef> out = new ArrayList<>(s.disks);
        for (int i = 0; i < out.size(); i++) {
            DiskDef d = out.get(i);
            if (d.device() == DiskDef.Device.DISK && d.path() == null && d.backing() == null) {
                out.set(i, new DiskDef(d.device(), null, d.format(), d.bus(), null, d.pool(), d.volume(),
                        d.sizeBytes(), image, format, d.origin(), d.protect()));
                return out;
            }
        }
        out.add(0, new DiskDef(DiskDef.Device.DISK, null, "qcow2", null, null, null, null, 0, image, format,
                s.image.origin()));
        return out;
    }

    /**
     * The cloud-init data with its defaults and its seed: an IDE CD-ROM after the VM's other IDE
     * devices, the volume {@code <vm>-cidata.iso} in the pool of the VM's first new volume (or the
     * host's default pool, resolved by the planner).
     */
    private CloudInitDef cloudInit(VmSpec s, List<DiskDef> disks) {
        CloudInitSpec c = s.cloudInit;
        if (c == null) {
            return null;
        }
        long ide = disks.stream().filter(d -> d.bus().equals("ide")).count();
        if (ide >= 4) {
            problems.add(c.origin, "the cloud-init seed needs an IDE slot, and the VM's 4 are taken",
                    "put a disk or CD-ROM on bus: 'sata'");
            return null;
        }
        String hostname;
        if (c.hostname != null) {
            hostname = c.hostname.value();
        } else if (c.userData != null && kvmsh.cloudinit.CloudConfig.parseMapping(c.userData).get("hostname")
                instanceof String h) {
            hostname = h;
        } else {
            hostname = s.name;
        }
        String pool = disks.stream().filter(DiskDef::isNewVolume).map(DiskDef::pool)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new CloudInitDef(hostname, c.users, c.packages, c.runcmd, c.writeFiles, c.timezone, c.userData,
                c.networkConfig, pool, s.name + "-cidata.iso", "hd" + letters((int) ide), c.origin);
    }

    /** 0 → a, 25 → z, 26 → aa: the suffixes libvirt and Linux use for disk names. */
    static String letters(int index) {
        return DiskDef.target("virtio", index).substring(2);
    }

    private KernelBoot kernel(VmSpec s) {
        if (s.guest != null) {
            if (s.kernel != null || s.initrd != null || s.cmdline != null) {
                problems.add(s.guest.origin(), "guest boots its own kernel, initrd and cmdline",
                        "remove kernel/initrd/cmdline, or guest");
                return null;
            }
            var image = env.testGuest();
            if (image.isEmpty()) {
                problems.add(s.guest.origin(), "the test guest is not available here",
                        "run the script with bin/kvmsh as root on Debian (it builds the guest from linux-image-amd64 and busybox-static)");
                return null;
            }
            return new KernelBoot(image.get().kernel(), image.get().initrd(), s.guest.value());
        }
        if (s.kernel == null) {
            if (s.initrd != null) {
                problems.add(s.initrd.origin(), "initrd without kernel", "add kernel 'vmlinuz' or remove initrd");
            }
            if (s.cmdline != null) {
                problems.add(s.cmdline.origin(), "cmdline without kernel", "add kernel 'vmlinuz' or remove cmdline");
            }
            return null;
        }
        mustExist("kernel", s.kernel);
        if (s.initrd != null) {
            mustExist("initrd", s.initrd);
        }
        return new KernelBoot(s.kernel.value(), s.initrd == null ? null : s.initrd.value(),
                s.cmdline == null ? null : s.cmdline.value());
    }

    private void mustExist(String what, Located<String> path) {
        if (!env.fileExists(path.value())) {
            problems.add(path.origin(), what + " " + path.value() + " does not exist",
                    "check the path (relative paths are relative to the script's directory)");
        } else {
            fileKind(path.origin(), what, path.value(), ValidationEnv.FileKind.REGULAR);
        }
    }

    /**
     * An existing path must be of one of the {@code allowed} kinds: a directory is no disk image, and a
     * serial log on a block device would write over a disk. A path the environment cannot tell about passes.
     */
    private void fileKind(kvmsh.model.Origin at, String what, String path, ValidationEnv.FileKind... allowed) {
        ValidationEnv.FileKind kind = env.fileKind(path);
        if (kind == ValidationEnv.FileKind.MISSING || java.util.Arrays.asList(allowed).contains(kind)) {
            return;
        }
        String is = switch (kind) {
            case DIRECTORY -> "a directory";
            case BLOCK_DEVICE -> "a block device";
            case CHAR_DEVICE -> "a character device";
            default -> "neither a file nor a device";
        };
        String want = java.util.Arrays.stream(allowed).map(k -> switch (k) {
            case REGULAR -> "a file";
            case BLOCK_DEVICE -> "a block device";
            case CHAR_DEVICE -> "a character device";
            default -> k.name().toLowerCase();
        }).collect(java.util.stream.Collectors.joining(" or "));
        problems.add(at, what + " " + path + " is " + is, "name " + want + " instead");
    }

    /**
     * Memory and CPUs within what the host can give one VM (libvirt's node info and max vCPUs), or sane
     * limits; a vm placed with {@code on} is checked against that hypervisor, and the message names it.
     */
    private void bounds(VmSpec s) {
        boolean placed = s.placedOn != null && s.placedOn.value().size() == 1;
        ValidationEnv on = placed ? env.on(s.placedOn.value().get(0)) : env;
        String host = placed ? "hypervisor '" + s.placedOn.value().get(0) + "'" : "this host";
        if (s.memoryMiB != null) {
            var known = on.hostMemoryMiB();
            long max = known.orElse(MAX_MEMORY_MIB);
            // Adopting or editing a VM that already has more (an overcommitted host) is no new ask.
            long existing = on.vmMemoryMiB(s.name).orElse(0);
            if (s.memoryMiB > max && s.memoryMiB > existing) {
                problems.add(s.memoryAt, "memory " + s.memoryMiB + " MiB is more than "
                                + (known.isPresent() ? host + " has (" + max + " MiB)" : "kvmsh allows (" + max + " MiB)"),
                        "give the vm at most " + max + " MiB, e.g. memory '2G'");
            }
        }
        if (s.cpus != null) {
            String type = s.virtType == null ? "kvm" : s.virtType;
            var known = on.maxVcpus(type);
            int max = known.orElse(MAX_VCPUS);
            if (s.cpus > max) {
                problems.add(s.cpusAt, "cpus " + s.cpus + " is more than "
                                + (known.isPresent() ? host + " allows for a '" + type + "' vm (" + max + ")"
                                : "kvmsh allows (" + max + ")"), "use cpus " + max + " or fewer");
            }
        }
    }
}
