package kvmsh.libvirt;

import java.time.Duration;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import kvmsh.plan.StepFailedException;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;

/** Starting and stopping domains the way an admin would: graceful first, forceful when it hangs. */
final class DomainLifecycle {

    /** How long a guest gets to power off after an ACPI shutdown request before it is destroyed. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    /** How often the shutdown request is repeated while waiting. */
    static final Duration REPEAT = Duration.ofSeconds(10);

    private final Connect conn;
    private final Waits waits;

    /** @param waits where a graceful stop shows that it waits for the guest */
    DomainLifecycle(Connect conn, Waits waits) {
        this.conn = conn;
        this.waits = waits;
    }

    /**
     * Stops a domain. Graceful: ACPI shutdown, wait up to the timeout, then destroy.
     *
     * @return a note when the guest had to be destroyed after ignoring the shutdown request
     */
    String stop(String name, boolean graceful) throws LibvirtException {
        return stop(name, graceful, SHUTDOWN_TIMEOUT);
    }

    String stop(String name, boolean graceful, Duration timeout) throws LibvirtException {
        Domain d = conn.domainLookupByName(name);
        if (d.isActive() != 1) {
            return "";
        }
        if (!graceful) {
            d.destroy();
            return "";
        }
        d.shutdown();
        try (Wait w = waits.bounded("vm " + name + " to shut down", timeout)) {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long nextRequest = start + REPEAT.toNanos();
            while (System.nanoTime() < deadline) {
                if (d.isActive() != 1) {
                    w.reached("");
                    return "";
                }
                if (System.nanoTime() >= nextRequest) {
                    // A guest still booting misses the ACPI event (it clears pending events when its
                    // ACPI starts): ask again, as a user would press the button again.
                    try {
                        d.shutdown();
                    } catch (LibvirtException e) {
                        if (d.isActive() == 1) {
                            w.failed(LibvirtErrors.describe(e));
                            throw e;
                        }
                    }
                    nextRequest += REPEAT.toNanos();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    // Ctrl-C in the REPL: stop waiting, but do not destroy a guest that may still be shutting down.
                    Thread.currentThread().interrupt();
                    String why = "interrupted while vm " + name + " shuts down; it may still be running";
                    w.failed(why);
                    throw new StepFailedException(why);
                }
            }
            if (d.isActive() == 1) {
                d.destroy();
                w.timedOut("destroyed");
                return "  vm " + name + " ignored the shutdown request for " + timeout.toSeconds() + " s: destroyed";
            }
            w.reached("");
        }
        return "";
    }
}
