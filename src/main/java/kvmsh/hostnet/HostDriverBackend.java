package kvmsh.hostnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kvmsh.host.CommandException;
import kvmsh.host.CommandRunner;
import kvmsh.model.NetworkDef;
import kvmsh.model.OpDef;
import kvmsh.plan.Action;
import kvmsh.plan.Digester;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.NetworkState;
import kvmsh.plan.Ownership;
import kvmsh.plan.StepFailedException;

/**
 * The host network driver as a backend behind the planner's seam, as libvirt's network drivers
 * fill one driver table: {@link #read} turns its records, bridges and dnsmasq into the same
 * {@link HostState} libvirt's backend gives, and {@link #execute} carries out the network steps
 * and the {@code attach}/{@code detach} statements, so that a host-driver script is planned,
 * applied and rolled back by the same {@code Planner} and {@code Applier}.
 * <p>
 * The steps mean what they mean for libvirt: define records the declaration (in the network's run
 * directory), start realizes it (bridge, address, nft chains, dnsmasq), stop takes it down and
 * keeps the record, undefine forgets it. The host driver starts nothing at boot, so its networks
 * never autostart. Domains, pools, volumes and taps of VMs are not its business.
 */
public final class HostDriverBackend implements Hypervisor {

    /** How plans and messages name this backend. */
    public static final String NAME = "host driver";

    private final HostNetworkDriver driver;
    private final RunDirectory run;
    private final Links links;

    public HostDriverBackend(CommandRunner runner, RunDirectory run) {
        this.driver = new HostNetworkDriver(runner, run);
        this.run = run;
        this.links = new Links(runner);
    }

    @Override
    public String uri() {
        return NAME;
    }

    /** The host driver's host is its run directory: every kvmsh and hook using it sees the same networks. */
    @Override
    public List<String> lockKeys() {
        return List.of("host driver " + run.root().toAbsolutePath().normalize());
    }

    @Override
    public HostState read() {
        List<NetworkRecord> records = NetworkRecord.all(run).toList();
        Links.Table now = records.isEmpty() ? new Links.Table()
                : links.table(records.stream().map(NetworkRecord::bridge).distinct().toArray(String[]::new));
        Map<String, NetworkState> networks = new LinkedHashMap<>();
        for (NetworkRecord r : records) {
            NetworkDef def = r.def();
            boolean bridgeThere = now.link(r.bridge()).isPresent();
            boolean active = r.active() && (r.mode() == kvmsh.model.NetworkMode.BRIDGE || bridgeThere);
            Optional<Ownership> owner = def == null || r.script() == null ? Optional.empty()
                    : Optional.of(new Ownership(r.script(), r.digest(), List.of(), List.of(), r.project()));
            List<String> faults = active && def != null ? driver.faults(def) : List.of();
            networks.put(r.name(), new NetworkState(r.name(), active, false, owner, r.bridge(),
                    def == null ? null : def.dhcp(), def == null ? List.of() : def.hosts(), r.text(), faults,
                    def == null ? List.of() : def.forwards()));
        }
        // The host's links with their bridges, so a restart that cuts guests' taps off is planned as such.
        Map<String, String> masters = records.isEmpty() ? Map.of() : links.masters();
        return new HostState(NAME, networks, Map.of(), Set.of(), Set.of(), masters, Map.of());
    }

    @Override
    public String execute(Action action) {
        try {
            return run(action);
        } catch (HostNetworkException | CommandException e) {
            throw new StepFailedException(e.getMessage(), e);
        }
    }

    private String run(Action action) {
        if (action instanceof Action.DefineNetwork a) {
            driver.define(a.def(), a.owner().script(), a.owner().project());
        } else if (action instanceof Action.UpdateNetworkDhcp a) {
            // The record first, then a network that is up gets its dnsmasq restarted with the new hosts and range.
            boolean up = a.previous().active();
            driver.define(a.def(), a.owner().script(), a.owner().project());
            if (up) {
                driver.start(a.def().name());
            }
        } else if (action instanceof Action.UpdateNetworkForwards a) {
            // The record, then an up network's chains are reloaded (one nft transaction; its dnsmasq and bridge stay).
            driver.define(a.def(), a.owner().script(), a.owner().project());
            if (a.previous().active()) {
                driver.start(a.def().name());
            }
        } else if (action instanceof Action.AdoptNetwork a) {
            driver.reown(a.name(), a.owner().script(), a.owner().project());
        } else if (action instanceof Action.RestoreNetwork a) {
            driver.restore(a.previous().name(), a.previous().xml());
        } else if (action instanceof Action.StartNetwork a) {
            driver.start(a.name());
        } else if (action instanceof Action.StopNetwork a) {
            driver.stop(a.name());
        } else if (action instanceof Action.RestartNetwork a) {
            driver.restart(a.name());
        } else if (action instanceof Action.RepairNetwork a) {
            driver.start(a.name()); // brings up what is missing (dnsmasq), touches what runs not
        } else if (action instanceof Action.UndefineNetwork a) {
            driver.down(a.name());
        } else if (action instanceof Action.SetNetworkAutostart a) {
            if (a.autostart()) {
                throw new StepFailedException("network " + a.name() + ": the host driver starts no network at boot");
            }
        } else if (action instanceof Action.RunOp a && a.op().verb() == OpDef.Verb.MOVE_NIC) {
            String to = a.op().options().get("to");
            if (to == null) {
                int left = driver.detachTap(a.op().target());
                return "detached " + a.op().target() + " (" + left + " port" + (left == 1 ? "" : "s")
                        + " left on its bridge)";
            }
            driver.attachTap(a.op().target(), to);
            return "";
        } else {
            throw new StepFailedException("the host network driver cannot carry out '" + action.describe().substring(2)
                    + "': that needs libvirt");
        }
        return "";
    }

    @Override
    public Digester digester() {
        return HostDigester.INSTANCE;
    }

    @Override
    public void close() {
        // Nothing held between steps: every step takes its network's lock itself.
    }
}
