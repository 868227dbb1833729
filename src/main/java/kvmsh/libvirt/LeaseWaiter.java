package kvmsh.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import kvmsh.plan.StepFailedException;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;

/**
 * Waits, bounded, until a domain has a DHCP lease on one of its libvirt networks: the guest's MACs
 * against the networks' leases ({@link LibvirtNative#dhcpLeases}). Waiting for a guest's address
 * must never hang: it fails after the timeout, or at once when the guest stops.
 */
final class LeaseWaiter {

    private static final long POLL_MILLIS = 1000;

    private final Connect conn;
    private final Waits waits;

    LeaseWaiter(Connect conn, Waits waits) {
        this.conn = conn;
        this.waits = waits;
    }

    /** @return {@code  vm NAME: IP (mac MAC on NETWORK)} for the first lease found */
    String await(Domain d, Duration timeout) throws LibvirtException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DomainFacts.Interface> nics = new ArrayList<>();
        for (DomainFacts.Interface nic : LibvirtXml.domain(d.getXMLDesc(0)).interfaces()) {
            if (nic.sourceNetwork() != null && nic.mac() != null) {
                nics.add(nic);
            }
        }
        if (nics.isEmpty()) {
            throw new StepFailedException("vm " + d.getName() + " has no NIC on a libvirt network to lease from");
        }
        try (Wait w = waits.bounded("vm " + d.getName() + " to get a DHCP lease", timeout)) {
            while (true) {
                if (d.isActive() != 1) {
                    throw failed(w, "vm " + d.getName() + " is not running, so it will not get a lease");
                }
                for (DomainFacts.Interface nic : nics) {
                    for (DhcpLease l : LibvirtNative.dhcpLeases(conn.networkLookupByName(nic.sourceNetwork()))) {
                        if (nic.mac().equalsIgnoreCase(l.mac())) {
                            w.reached(l.ip());
                            return "  vm " + d.getName() + ": " + l.ip() + " (mac " + l.mac() + " on "
                                    + nic.sourceNetwork() + ")";
                        }
                    }
                }
                if (System.nanoTime() >= deadline) {
                    w.timedOut("");
                    throw new StepFailedException("vm " + d.getName() + " got no DHCP lease within " + timeout.toSeconds()
                            + " s (MACs " + String.join(", ", nics.stream().map(DomainFacts.Interface::mac).toList())
                            + ") — does the guest ask for one?");
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failed(w, "interrupted while waiting for a lease of vm " + d.getName());
                }
            }
        }
    }

    private static StepFailedException failed(Wait w, String why) {
        w.failed(why);
        return new StepFailedException(why);
    }
}
