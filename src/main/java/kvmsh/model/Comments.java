package kvmsh.model;

import java.util.List;
import java.util.Map;

/**
 * Comments a generated script carries beside its declarations ({@code kvmsh import}): what the host
 * had that kvmsh cannot declare, and why each {@code customize} edit is there.
 *
 * @param header lines at the top of the script
 * @param before lines above a block, by {@code "vm NAME"}, {@code "network NAME"} or {@code "pool NAME"}
 * @param edits  the reason for a customize edit, written above it
 * @param footer lines at the end: objects kvmsh cannot represent, listed instead of dropped
 */
public record Comments(List<String> header, Map<String, List<String>> before, Map<XmlEdit, String> edits,
                       List<String> footer) {

    public static final Comments NONE = new Comments(List.of(), Map.of(), Map.of(), List.of());

    public Comments {
        header = List.copyOf(header);
        before = Map.copyOf(before);
        edits = Map.copyOf(edits);
        footer = List.copyOf(footer);
    }

    /** The lines above the block {@code keyword NAME}. */
    public List<String> before(String keyword, String name) {
        return before.getOrDefault(keyword + " " + name, List.of());
    }
}
