package kvmsh.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links of a simulated host: libvirt's {@code test:///} driver emulates a hypervisor in-process,
 * with no host underneath, so kvmsh must not create real taps for it. This keeps them in memory,
 * checking what the real {@link IpLinks} would refuse.
 */
public final class SimulatedLinks implements HostLinks {

    /**
     * libvirt's test driver keeps its simulated host for as long as the process has a connection to
     * it, across connections; the links of that host live as long, so they are kept per URI.
     */
    private static final Map<String, SimulatedLinks> BY_URI = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, String> links = new LinkedHashMap<>();

    /** The simulated links of the test-driver host at {@code uri}. */
    public static SimulatedLinks of(String uri) {
        return BY_URI.computeIfAbsent(uri, u -> new SimulatedLinks());
    }

    /**
     * Forgets taps no domain refers to any more. When a test driver's last connection closes, libvirt
     * discards its simulated host; the next reader calls this so the links follow.
     */
    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public synchronized void domainsRefer(java.util.Set<String> taps) {
        links.keySet().retainAll(taps);
    }

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
}
