package kvmsh.osinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small reader of the osinfo database (Debian package {@code osinfo-db}, XML under
 * {@code /usr/share/osinfo/os/}): no libosinfo needed. Reads each OS's ids, devices and memory
 * resources, and resolves what an OS inherits through {@code derives-from}/{@code clones}.
 *
 * <p>Example: {@code OsInfoDb.system().flatMap(db -> db.defaults("debian11"))}
 */
public final class OsInfoDb {

    /** Where Debian installs the database; {@code OSINFO_SYSTEM_DIR} overrides it, as for libosinfo. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/osinfo");

    // PCI ids osinfo uses for the devices kvmsh chooses between (transitional and virtio 1.0 ids).
    static final List<String> VIRTIO_BLK = List.of("http://pcisig.com/pci/1af4/1001", "http://pcisig.com/pci/1af4/1042");
    static final List<String> VIRTIO_NET = List.of("http://pcisig.com/pci/1af4/1000", "http://pcisig.com/pci/1af4/1041");
    static final String E1000 = "http://pcisig.com/pci/8086/100e";

    private final Map<String, OsEntry> byId;
    private final Map<String, OsEntry> byShortId = new LinkedHashMap<>();

    private OsInfoDb(Map<String, OsEntry> byId) {
        this.byId = byId;
        byId.values().forEach(e -> e.shortIds().forEach(s -> byShortId.putIfAbsent(s, e)));
    }

    /**
     * The installed database, or empty when {@code osinfo-db} is not installed. Read once per
     * process (it does not change under a running kvmsh, and reading takes a moment).
     */
    public static Optional<OsInfoDb> system() {
        return Installed.DB;
    }

    // Lazy holder: the database is read on first use only, by whoever asks first.
    private static final class Installed {
        static final Optional<OsInfoDb> DB = read();

        private static Optional<OsInfoDb> read() {
            String override = System.getenv("OSINFO_SYSTEM_DIR");
            Path dir = override != null && !override.isBlank() ? Path.of(override) : SYSTEM_DIR;
            return Files.isDirectory(dir.resolve("os")) ? Optional.of(load(dir)) : Optional.empty();
        }
    }

    /** Reads every {@code os/*}{@code /*.xml} below {@code dir}. */
    public static OsInfoDb load(Path dir) {
        Map<String, OsEntry> entries = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir.resolve("os"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".xml")).sorted()::iterator) {
                for (OsEntry e : read(f)) {
                    entries.put(e.id(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the osinfo database in " + dir + ": " + e.getMessage(), e);
        }
        return new OsInfoDb(entries);
    }

    /** All short ids, for suggestions. */
    public Set<String> shortIds() {
        return byShortId.keySet();
    }

    /** The OS with this short id ({@code debian11}) or full id ({@code http://debian.org/debian/11}). */
    public Optional<OsEntry> find(String id) {
        return Optional.ofNullable(byShortId.get(id)).or(() -> Optional.ofNullable(byId.get(id)));
    }

    /** Devices and memory for the OS, with everything it inherits resolved. */
    public Optional<OsDefaults> defaults(String id) {
        return find(id).map(e -> {
            Set<String> devices = new HashSet<>();
            long[] ram = {0, 0};
            inherit(e, devices, ram, new HashSet<>());
            String bus = VIRTIO_BLK.stream().anyMatch(devices::contains) ? "virtio" : "ide";
            String nic = VIRTIO_NET.stream().anyMatch(devices::contains) ? "virtio"
                    : devices.contains(E1000) ? "e1000" : "rtl8139";
            long bytes = ram[1] > 0 ? ram[1] : ram[0];
            return new OsDefaults(e.id(), e.name(), bus, nic, bytes >> 20);
        });
    }

    /** Devices accumulate along the chain; the nearest entry that states RAM wins. */
    private void inherit(OsEntry e, Set<String> devices, long[] ram, Set<String> seen) {
        if (!seen.add(e.id())) {
            return;
        }
        devices.addAll(e.devices());
        if (ram[0] == 0) {
            ram[0] = e.minimumRam();
        }
        if (ram[1] == 0) {
            ram[1] = e.recommendedRam();
        }
        for (String p : e.parents()) {
            OsEntry parent = byId.get(p);
            if (parent != null) {
                inherit(parent, devices, ram, seen);
            }
        }
    }

    /** The {@code <os>} elements of one file (StAX: the database has a thousand files). */
    static List<OsEntry> read(Path file) throws IOException {
        List<OsEntry> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(in);
            Builder b = null;
            List<String> path = new ArrayList<>();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String el = r.getLocalName();
                    path.add(el);
                    if (el.equals("os") && path.size() == 2) {
                        b = new Builder(r.getAttributeValue(null, "id"));
                    } else if (b != null) {
                        b.start(path, r);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (b != null && path.size() == 2) {
                        out.add(b.build());
                        b = null;
                    } else if (b != null && path.size() == 3 && path.get(2).equals("resources")) {
                        b.resourcesArch = null;
                    }
                    path.remove(path.size() - 1);
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static final class Builder {
        final String id;
        final List<String> shortIds = new ArrayList<>();
        String name;
        final List<String> parents = new ArrayList<>();
        final Set<String> devices = new HashSet<>();
        long minimumRam;
        long recommendedRam;
        String resourcesArch;

        Builder(String id) {
            this.id = id;
        }

        void start(List<String> path, XMLStreamReader r) throws XMLStreamException {
            int depth = path.size();
            String el = path.get(depth - 1);
            if (depth == 3) {
                switch (el) {
                    case "short-id" -> shortIds.add(r.getElementText().strip());
                    case "name" -> {
                        boolean localized = r.getAttributeValue("http://www.w3.org/XML/1998/namespace", "lang") != null;
                        String text = r.getElementText().strip();
                        if (!localized && name == null) {
                            name = text;
                        }
                    }
                    case "derives-from", "clones" -> parents.add(r.getAttributeValue(null, "id"));
                    case "resources" -> resourcesArch = r.getAttributeValue(null, "arch");
                    default -> { }
                }
                if (el.equals("short-id") || el.equals("name")) {
                    path.remove(depth - 1); // getElementText consumed the end tag
                }
            } else if (depth == 4 && path.get(2).equals("devices") && el.equals("device")) {
                devices.add(r.getAttributeValue(null, "id"));
            } else if (depth == 5 && el.equals("ram") && path.get(2).equals("resources")
                    && ("x86_64".equals(resourcesArch) || "all".equals(resourcesArch))) {
                long bytes = Long.parseLong(r.getElementText().strip());
                path.remove(depth - 1);
                // x86_64 figures win over 'all' when both are given.
                boolean specific = "x86_64".equals(resourcesArch);
                if (path.get(3).equals("minimum") && (minimumRam == 0 || specific)) {
                    minimumRam = bytes;
                } else if (path.get(3).equals("recommended") && (recommendedRam == 0 || specific)) {
                    recommendedRam = bytes;
                }
            }
        }

        OsEntry build() {
            return new OsEntry(id, shortIds, name == null ? id : name, parents, devices, minimumRam, recommendedRam);
        }
    }
}
