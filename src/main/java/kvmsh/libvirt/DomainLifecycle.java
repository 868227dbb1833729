package kvmsh.libvirt;

import java.time.Duration;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import kvmsh.plan.StepFailedException;

/** Starting and stopping domains the way an admin would: graceful first, forceful when it hangs. */
final class DomainLifecycle {

    /** How long a guest gets to power off after an ACPI shutdown request before it is destroyed. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final Connect conn;

    DomainLifecycle(Connect conn) {
        this.conn = conn;
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (d.isActive() != 1) {
                return "";
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                // Ctrl-C in the REPL: stop waiting, but do not destroy a guest that may still be shutting down.
                Thread.currentThread().interrupt();
                throw new StepFailedException("interrupted while vm " + name + " shuts down; it may still be running");
            }
        }
        if (d.isActive() == 1) {
            d.destroy();
            return "  vm " + name + " ignored the shutdown request for " + timeout.toSeconds() + " s: destroyed";
        }
        return "";
    }
}
