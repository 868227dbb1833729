package kvmsh.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links of a simulated host: libvirt's {@code test:///} driver emulates a hypervisor in-process,
 * with no host underneath, so kvmsh must not create real taps for it. This keeps them in memory,
 * checking what the real {@link IpLinks} would refuse.
 */
public final class SimulatedLinks implements HostLinks {

    private final Map<String, String> links = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, String> list() {
        return Map.copyOf(links);
    }

    @Override
    public synchronized void createTap(String tap, String bridge) {
        if (links.containsKey(tap)) {
            throw new IllegalStateException("tap " + tap + " already exists");
        }
        links.put(tap, bridge == null ? "" : bridge);
    }

    @Override
    public synchronized void plug(String tap, String bridge) {
        if (!links.containsKey(tap)) {
            throw new IllegalStateException("Cannot find device \"" + tap + "\"");
        }
        links.put(tap, bridge == null ? "" : bridge);
    }

    @Override
    public synchronized void delete(String tap) {
        links.remove(tap);
    }

    @Override
    public boolean simulated() {
        return true;
    }
}
