package kvmsh.osinfo;

import java.util.List;
import java.util.Set;

/**
 * One operating system of the osinfo database, as kvmsh reads it: enough to pick devices and memory.
 *
 * @param id            the osinfo id, e.g. {@code http://debian.org/debian/11}
 * @param shortIds      short ids, e.g. {@code debian11}, {@code debianbullseye}
 * @param name          human name, e.g. {@code Debian 11}
 * @param parents       ids this entry derives from or clones (devices and resources are inherited)
 * @param devices       PCI/USB device ids the OS supports, e.g. {@code http://pcisig.com/pci/1af4/1001}
 * @param minimumRam    minimum RAM in bytes (x86_64 or all architectures), 0 when unknown
 * @param recommendedRam recommended RAM in bytes, 0 when unknown
 */
public record OsEntry(String id, List<String> shortIds, String name, List<String> parents, Set<String> devices,
                      long minimumRam, long recommendedRam) {

    public OsEntry {
        shortIds = List.copyOf(shortIds);
        parents = List.copyOf(parents);
        devices = Set.copyOf(devices);
    }
}
