package kvmsh.plan;

import java.util.List;
import java.util.Locale;

/**
 * What a finished migration measured.
 *
 * @param live           whether the VM kept running (a stopped VM is moved by its definition)
 * @param elapsedMillis  wall time of the whole move, checks and volume creation included
 * @param downtimeMillis how long the guest was paused at the switch-over, as libvirt measured it
 *                       (-1 when unknown, e.g. for a stopped VM)
 * @param memoryBytes    guest memory sent
 * @param diskBytes      disk data copied: for a live migration, what the disk mirror covered (the
 *                       copied disks' size), for a stopped VM the volumes' bytes streamed
 * @param copiedVolumes  {@code pool/name} of each volume copied to the target
 * @param notes          anything the user should know (a source volume kept, say)
 */
public record MigrationReport(String vm, String from, String to, boolean live, long elapsedMillis,
                              long downtimeMillis, long memoryBytes, long diskBytes,
                              List<String> copiedVolumes, List<String> notes) {

    public MigrationReport {
        copiedVolumes = List.copyOf(copiedVolumes);
        notes = List.copyOf(notes);
    }

    /** One line: {@code vm web a → b live in 12.3 s, downtime 41 ms, 128 MiB memory, 1.0 GiB disk (default/web-vda.qcow2)}. */
    public String summary() {
        StringBuilder s = new StringBuilder("vm " + vm + " " + from + " → " + to + (live ? " live" : " by definition")
                + " in " + String.format(Locale.ROOT, "%.1f s", elapsedMillis / 1000.0));
        if (downtimeMillis >= 0) {
            s.append(", downtime ").append(downtimeMillis).append(" ms");
        }
        if (memoryBytes > 0) {
            s.append(", ").append(Sizes.human(memoryBytes)).append(" memory");
        }
        if (!copiedVolumes.isEmpty()) {
            s.append(", ").append(Sizes.human(diskBytes)).append(" disk (").append(String.join(", ", copiedVolumes)).append(')');
        }
        return s.toString();
    }
}
