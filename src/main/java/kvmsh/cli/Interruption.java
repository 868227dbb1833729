package kvmsh.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import kvmsh.plan.Applier;

/**
 * While an apply runs, SIGINT and SIGTERM cancel it ({@link Applier#cancel()}: the running step
 * finishes, nothing new starts, what the run did is undone) instead of ending the JVM halfway.
 * Closing puts the previous handlers back.
 */
final class Interruption implements AutoCloseable {

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile String received;

    private Interruption() {
    }

    /** Routes SIGINT and SIGTERM to {@code applier.cancel()} until closed. */
    static Interruption cancelling(Applier applier) {
        Interruption i = new Interruption();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal sig = new Signal(name);
            try {
                i.previous.put(sig, Signal.handle(sig, s -> {
                    i.received = s.getName();
                    applier.cancel();
                }));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (e.g. -Xrs): it ends the run as before.
            }
        }
        return i;
    }

    /** The signal received ("INT", "TERM"), or null. */
    String received() {
        return received;
    }

    /** 130 for SIGINT, 143 for SIGTERM, as a shell reports a process those signals ended. */
    int exitCode() {
        return "TERM".equals(received) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
