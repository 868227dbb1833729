package kvmsh.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import kvmsh.host.HostLinks;
import kvmsh.model.OpDef;
import kvmsh.plan.StepFailedException;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;

/** Runs a script's imperative statements ({@code start}, {@code list}, {@code attach} …) on libvirt. */
final class OpRunner {

    private final Connect conn;
    private final HostLinks links;
    private final DomainLifecycle lifecycle;
    private final NicMover nics;
    private final Waits waits;
    /** The script's or REPL's name for this host: {@code list} then shows it in a HOST column. */
    private volatile String hostName;

    OpRunner(Connect conn, HostLinks links, DomainLifecycle lifecycle, Waits waits) {
        this.conn = conn;
        this.waits = waits;
        this.links = links;
        this.lifecycle = lifecycle;
        this.nics = new NicMover(conn, links);
    }

    void hostName(String name) {
        this.hostName = name;
    }

    /** The host's name, or null when it has none. */
    String hostName() {
        return hostName;
    }

    String run(OpDef op) throws LibvirtException {
        return switch (op.verb()) {
            case START -> {
                Domain d = domain(op.target());
                if (d.isActive() != 1) {
                    d.create();
                }
                yield "";
            }
            case SHUTDOWN -> lifecycle.stop(op.target(), true, seconds(op, "timeout", DomainLifecycle.SHUTDOWN_TIMEOUT));
            case DESTROY -> lifecycle.stop(op.target(), false);
            case UNDEFINE -> {
                Domain d = domain(op.target());
                if (d.isActive() == 1) {
                    throw new StepFailedException("vm " + op.target() + " is running — destroy or shutdown it first");
                }
                d.undefine();
                yield "";
            }
            case LIST -> list();
            case INFO -> info(op.target());
            case LEASES -> leases(op.target());
            case MOVE_NIC -> nics.move(op.target(), op.options());
            case REBOOT -> {
                running(op.target()).reboot(0);
                yield "";
            }
            case SUSPEND -> {
                Domain d = running(op.target());
                if (d.getInfo().state != DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                    d.suspend();
                }
                yield "";
            }
            case RESUME -> {
                Domain d = running(op.target());
                if (d.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                    d.resume();
                }
                yield "";
            }
            case AUTOSTART -> {
                domain(op.target()).setAutostart(Boolean.parseBoolean(op.options().get("on")));
                yield "";
            }
            case SNAPSHOT -> Snapshots.create(domain(op.target()), op.options().get("name"),
                    op.options().get("description"));
            case REVERT -> Snapshots.revert(domain(op.target()), op.options().get("name"));
            case DELETE_SNAPSHOT -> Snapshots.delete(domain(op.target()), op.options().get("name"));
            case SNAPSHOTS -> Snapshots.list(domain(op.target()));
            case WAIT_FOR_LEASE -> new LeaseWaiter(conn, waits).await(domain(op.target()),
                    seconds(op, "timeout", Duration.ofSeconds(60)));
            case STATS -> DomainStats.table(domain(op.target()),
                    Integer.parseInt(op.options().getOrDefault("samples", "1")),
                    seconds(op, "interval", Duration.ofSeconds(1)));
            case WATCH -> watch(op);
            // Planned across two hosts as Action.MigrateDomain (plan.FleetPlanner), never run on one.
            case MIGRATE, EVACUATE -> throw new StepFailedException(op.verb().keyword() + " moves VMs between the"
                    + " hypervisors a script declares; it does not run on one host");
            // Carried out where ssh runs (cli.GuestAccess, kvmsh.ssh.SshStatements), never by libvirt.
            case WAIT_FOR_SSH, SSH -> throw new StepFailedException(op.verb().keyword() + " runs ssh from kvmsh's"
                    + " command line (kvmsh run), not inside the libvirt backend");
        };
    }

    private static Duration seconds(OpDef op, String key, Duration otherwise) {
        String v = op.options().get(key);
        return v == null ? otherwise : Duration.ofSeconds(Long.parseLong(v));
    }

    private Domain running(String name) throws LibvirtException {
        Domain d = domain(name);
        if (d.isActive() != 1) {
            throw new StepFailedException("vm " + name + " is not running");
        }
        return d;
    }

    /**
     * Prints lifecycle events of one VM (or all) as they come, for {@code seconds} (default 30), or
     * until the VM's event type is {@code until} ('stopped', 'started' …). Reaching the time limit
     * while waiting for {@code until} is a failure, so a script does not go on as if it happened.
     */
    private String watch(OpDef op) throws LibvirtException {
        if (op.target() != null) {
            domain(op.target());
        }
        Duration limit = seconds(op, "seconds", Duration.ofSeconds(30));
        String until = op.options().get("until");
        String subject = op.target() == null ? "any vm" : "vm " + op.target();
        StringBuilder seen = new StringBuilder();
        int count = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        try (Wait w = waits.bounded(until != null ? subject + " to be " + until : "events of " + subject, limit);
             DomainEvents events = DomainEvents.open(conn.getURI())) {
            try {
                while (System.nanoTime() < deadline) {
                    var e = events.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    if (e.isEmpty() || (op.target() != null && !op.target().equals(e.get().domain()))) {
                        continue;
                    }
                    seen.append("  ").append(e.get().at()).append(' ').append(e.get()).append('\n');
                    count++;
                    w.status(e.get().toString());
                    if (until != null && until.equalsIgnoreCase(e.get().type())) {
                        w.reached(e.get().toString());
                        return seen.toString();
                    }
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                w.failed("interrupted");
                throw new StepFailedException("interrupted while watching " + subject);
            }
            if (until != null) {
                w.timedOut(count == 0 ? "no events" : count + " event" + (count == 1 ? "" : "s"));
            } else {
                w.done(count == 0 ? "no events" : count + " event" + (count == 1 ? "" : "s"));
            }
        }
        if (until != null) {
            throw new StepFailedException("vm " + op.target() + " did not get to '" + until + "' within "
                    + limit.toSeconds() + " s" + (seen.isEmpty() ? "" : "; events seen:\n" + seen.toString().stripTrailing()));
        }
        return seen.isEmpty() ? "  (no events in " + limit.toSeconds() + " s)" : seen.toString();
    }

    private Domain domain(String name) throws LibvirtException {
        try {
            return conn.domainLookupByName(name);
        } catch (LibvirtException e) {
            throw new StepFailedException("no vm named '" + name + "' on " + conn.getURI());
        }
    }

    /** The VMs and networks, with a HOST column first when the host has a name ({@link #hostName}). */
    String list() throws LibvirtException {
        String host = hostName;
        Table t = host == null ? new Table("VM", "STATE", "AUTOSTART", "MANAGED BY")
                : new Table("HOST", "VM", "STATE", "AUTOSTART", "MANAGED BY");
        List<Domain> all = new ArrayList<>();
        for (int id : conn.listDomains()) {
            all.add(conn.domainLookupByID(id));
        }
        for (String n : conn.listDefinedDomains()) {
            all.add(conn.domainLookupByName(n));
        }
        all.sort((a, b) -> name(a).compareTo(name(b)));
        for (Domain d : all) {
            DomainFacts f = LibvirtXml.domain(d.getXMLDesc(0));
            t.row(withHost(host, d.getName(), state(d.getInfo()), d.getAutostart() ? "yes" : "no",
                    f.owner().map(o -> "kvmsh " + o.script()).orElse("-")));
        }
        Table n = host == null ? new Table("NETWORK", "STATE", "AUTOSTART", "BRIDGE", "MANAGED BY")
                : new Table("HOST", "NETWORK", "STATE", "AUTOSTART", "BRIDGE", "MANAGED BY");
        List<String> names = new ArrayList<>(List.of(conn.listNetworks()));
        names.addAll(List.of(conn.listDefinedNetworks()));
        names.sort(String::compareTo);
        for (String name : names) {
            Network net = conn.networkLookupByName(name);
            NetworkFacts f = LibvirtXml.network(net.getXMLDesc(0));
            n.row(withHost(host, name, net.isActive() == 1 ? "active" : "inactive", net.getAutostart() ? "yes" : "no",
                    f.bridge() == null ? "-" : f.bridge(), f.owner().map(o -> "kvmsh " + o.script()).orElse("-")));
        }
        return t.render() + "\n" + n.render();
    }

    private static String[] withHost(String host, String... cells) {
        if (host == null) {
            return cells;
        }
        String[] out = new String[cells.length + 1];
        out[0] = host;
        System.arraycopy(cells, 0, out, 1, cells.length);
        return out;
    }

    private static String name(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "";
        }
    }

    private String info(String name) throws LibvirtException {
        Domain d = domain(name);
        DomainInfo i = d.getInfo();
        DomainFacts f = LibvirtXml.domain(d.getXMLDesc(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Name:       %s%n", name));
        sb.append(String.format("UUID:       %s%n", d.getUUIDString()));
        sb.append(String.format("State:      %s%n", state(i)));
        sb.append(String.format("CPUs:       %d%n", i.nrVirtCpu));
        sb.append(String.format("Memory:     %d MiB%n", i.maxMem / 1024));
        sb.append(String.format("CPU time:   %.1f s%n", i.cpuTime / 1e9));
        sb.append(String.format("Autostart:  %s%n", d.getAutostart() ? "yes" : "no"));
        sb.append(String.format("Managed by: %s%n", f.owner().map(o -> "kvmsh " + o.script()).orElse("-")));
        Table nics = new Table("NIC", "TYPE", "SOURCE", "TAP", "MAC");
        int k = 0;
        for (DomainFacts.Interface nic : f.interfaces()) {
            String source = nic.sourceNetwork() != null ? nic.sourceNetwork()
                    : nic.sourceBridge() != null ? nic.sourceBridge() : "-";
            nics.row(String.valueOf(k++), nic.type(), source, nic.targetDev() == null ? "-" : nic.targetDev(),
                    nic.mac() == null ? "-" : nic.mac());
        }
        return sb + nics.render();
    }

    private String leases(String network) throws LibvirtException {
        Network net;
        try {
            net = conn.networkLookupByName(network);
        } catch (LibvirtException e) {
            throw new StepFailedException("no network named '" + network + "' on " + conn.getURI());
        }
        Table t = new Table("MAC", "IP", "HOSTNAME", "EXPIRES");
        for (DhcpLease l : LibvirtNative.dhcpLeases(net)) {
            t.row(l.mac(), l.ip() + "/" + l.prefix(), l.hostname() == null ? "-" : l.hostname(),
                    l.expiry().getEpochSecond() == 0 ? "never" : l.expiry().toString());
        }
        return t.render();
    }

    static String state(DomainInfo info) {
        return switch (info.state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> "running";
            case VIR_DOMAIN_PAUSED -> "paused";
            case VIR_DOMAIN_SHUTDOWN -> "shutting down";
            case VIR_DOMAIN_SHUTOFF -> "shut off";
            case VIR_DOMAIN_CRASHED -> "crashed";
            case VIR_DOMAIN_PMSUSPENDED -> "suspended";
            default -> "unknown";
        };
    }
}
