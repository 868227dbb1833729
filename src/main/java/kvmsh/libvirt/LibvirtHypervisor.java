package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kvmsh.host.CommandException;
import kvmsh.host.HostLinks;
import kvmsh.model.DhcpRange;
import kvmsh.model.Origin;
import kvmsh.model.StaticHost;
import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;
import kvmsh.plan.Action;
import kvmsh.plan.DeclarationException;
import kvmsh.plan.Digester;
import kvmsh.plan.DomainState;
import kvmsh.plan.HostState;
import kvmsh.plan.HostUnreachableException;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.NetworkState;
import kvmsh.plan.Ownership;
import kvmsh.plan.PoolState;
import kvmsh.plan.StepFailedException;
import kvmsh.progress.Waits;

/** {@link Hypervisor} on a libvirt connection; host links (taps) go through {@link HostLinks}. */
public final class LibvirtHypervisor implements Hypervisor {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);

    /** virNetworkXMLFlags VIR_NETWORK_XML_INACTIVE: the persistent definition. */
    private static final int NETWORK_XML_INACTIVE = 1;
    /** virDomainXMLFlags VIR_DOMAIN_XML_INACTIVE. */
    private static final int DOMAIN_XML_INACTIVE = 2;

    private final Connect conn;
    private final String uri;
    private final HostLinks links;
    private final DomainLifecycle lifecycle;
    private final OpRunner ops;
    private final Seeds seeds;
    /** Where shutdowns, leases, watches, uploads and migrations show that they wait. */
    private final Waits waits;

    /** Whether the networks' dnsmasq still runs, where kvmsh can see it (null: it cannot). */
    private final LibvirtDnsmasq dnsmasq;
    /** kvmsh's nft chains of the networks with port forwards (libvirt's open mode). */
    private final NetworkForwards forwards;

    private LibvirtHypervisor(Connect conn, String uri, HostLinks links, Waits waits) {
        this.conn = conn;
        this.uri = uri;
        this.links = links;
        this.waits = waits;
        this.dnsmasq = LibvirtDnsmasq.of(uri);
        this.forwards = new NetworkForwards(uri, links);
        this.lifecycle = new DomainLifecycle(conn, waits);
        this.ops = new OpRunner(conn, links, lifecycle, waits);
        // Seeds are built where kvmsh runs and uploaded through the connection, whatever the host.
        this.seeds = new Seeds(conn, new kvmsh.host.ProcessRunner(), waits);
    }

    /**
     * Names this host as a script's {@code hypervisor} (or a REPL's {@code :connect NAME URI}) does:
     * {@code list} then shows the name in a HOST column.
     */
    public LibvirtHypervisor named(String name) {
        ops.hostName(name);
        return this;
    }

    /** The host's VMs and networks as {@code list} shows them. */
    public String list() {
        try {
            return ops.list();
        } catch (LibvirtException e) {
            throw new kvmsh.plan.StepFailedException("list on " + uri + ": " + LibvirtErrors.describe(e));
        }
    }

    /** Connects to {@code uri}, showing no waits (see {@link #connect(String, HostLinks, Waits)}). */
    public static LibvirtHypervisor connect(String uri, HostLinks links) {
        return connect(uri, links, Waits.NONE);
    }

    /**
     * Connects to {@code uri}; its waits (a shutdown, a lease, {@code watch … until:}, an upload, a
     * migration) show on {@code waits}.
     *
     * @throws HostUnreachableException with one line saying why and what to try, when nothing answers
     */
    public static LibvirtHypervisor connect(String uri, HostLinks links, Waits waits) {
        LibvirtErrors.silence();
        long t0 = System.nanoTime();
        try {
            LibvirtHypervisor h = new LibvirtHypervisor(new Connect(uri), uri, links, waits);
            LOG.debug("libvirt {}: virConnectOpen ({} ms)", uri, (System.nanoTime() - t0) / 1_000_000);
            return h;
        } catch (LibvirtException e) {
            LOG.debug("libvirt {}: virConnectOpen failed: {}", uri, LibvirtErrors.describe(e));
            throw ConnectErrors.unreachable(uri, e);
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    /** {@link XmlDigester}'s digests, refusing a network that says {@code driver 'host'}: that is not libvirt's. */
    @Override
    public Digester digester() {
        return new Digester() {
            @Override
            public String network(NetworkDef def) {
                if (def.driver() == NetworkDef.Driver.HOST) {
                    throw new DeclarationException(def.origin(), "network '" + def.name() + "' uses driver 'host', "
                            + "which runs on this machine without libvirt, not on " + uri,
                            "run the script with kvmsh run and no -c, or use driver 'libvirt'");
                }
                forwards.check(def);
                return XmlDigester.INSTANCE.network(def);
            }

            @Override
            public String domain(VmDef def) {
                return XmlDigester.INSTANCE.domain(def);
            }

            @Override
            public String network(NetworkState existing) {
                return XmlDigester.INSTANCE.network(existing);
            }

            @Override
            public String domain(DomainState existing) {
                return XmlDigester.INSTANCE.domain(existing);
            }
        };
    }

    @Override
    public List<String> migrationProblems(String vm, Hypervisor target, kvmsh.plan.MigrationOptions options,
                                          kvmsh.plan.PlannedOnTarget planned) {
        return migration(target).problems(vm, options, planned);
    }

    @Override
    public kvmsh.plan.MigrationReport migrate(String vm, Hypervisor target, kvmsh.plan.MigrationOptions options,
                                              kvmsh.plan.MigrationProgress progress) {
        DomainMigration migration = migration(target);
        // The caller's progress and this host's waits see the same job info.
        try (kvmsh.progress.Wait w = waits.transfer("migration of vm " + vm + " from " + label(this)
                + " to " + label(target), 0)) {
            try {
                kvmsh.plan.MigrationReport r = migration.run(vm, options, (elapsed, memLeft, memTotal, diskLeft, diskTotal) -> {
                    progress.update(elapsed, memLeft, memTotal, diskLeft, diskTotal);
                    w.progress(memTotal + diskTotal - memLeft - diskLeft, memTotal + diskTotal);
                    w.status("memory " + kvmsh.plan.Sizes.human(memLeft) + " left"
                            + (diskTotal > 0 ? ", disk " + kvmsh.plan.Sizes.human(diskLeft) + " left" : ""));
                });
                w.done(r.downtimeMillis() >= 0 ? "downtime " + r.downtimeMillis() + " ms" : r.live() ? "" : "by definition");
                // This run moved it: later steps on it, on either host, follow that, not the definition read before.
                touched.add("vm " + vm);
                ((LibvirtHypervisor) target).touched.add("vm " + vm);
                return r;
            } catch (RuntimeException e) {
                w.failed(e.getMessage());
                throw e;
            }
        }
    }

    /** How waits name a host: the script's name for it (hypervisor 'a'), else its URI. */
    private static String label(Hypervisor h) {
        String name = h instanceof LibvirtHypervisor l ? l.ops.hostName() : null;
        return name != null ? name : h.uri();
    }

    private DomainMigration migration(Hypervisor target) {
        if (!(target instanceof LibvirtHypervisor other)) {
            throw new StepFailedException("cannot migrate from " + uri + " to " + target.uri() + ": it is not a libvirt host");
        }
        return new DomainMigration(conn, label(this), other.conn, label(other), waits);
    }

    /** How this host's links (taps and the bridges they are plugged into) are read. */
    public HostLinks links() {
        return links;
    }

    /** The underlying connection, for read-only queries (REPL, info). */
    public Connect connection() {
        return conn;
    }

    @Override
    public HostState read() {
        touched.clear(); // a new read: the next plan's steps are checked against it
        long t0 = System.nanoTime();
        try {
            Map<String, String> seeds = new HashMap<>();
            Map<String, DomainState> domains = readDomains(seeds);
            Set<String> referenced = new HashSet<>();
            domains.values().forEach(d -> d.owner().ifPresent(o -> referenced.addAll(o.taps())));
            links.domainsRefer(referenced);
            Map<String, Long> capacities = new HashMap<>();
            Set<String> volumes = volumes(capacities);
            HostState state = new HostState(uri, readNetworks(), domains, pools(), volumes, links.list(), poolInfo(),
                    capacities, seeds);
            LOG.debug("libvirt {}: read {} networks, {} domains, {} pools, {} volumes ({} ms)", uri,
                    state.networks().size(), domains.size(), state.pools().size(), volumes.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            return state;
        } catch (LibvirtException e) {
            throw new HostUnreachableException("cannot read " + uri + ": " + LibvirtErrors.describe(e), e);
        }
    }

    private Map<String, NetworkState> readNetworks() throws LibvirtException {
        Map<String, NetworkState> out = new HashMap<>();
        List<String> names = new ArrayList<>(List.of(conn.listNetworks()));
        names.addAll(List.of(conn.listDefinedNetworks()));
        NetworkForwards.Read chains = forwards.read();
        for (String name : names) {
            NetworkState s = networkState(conn.networkLookupByName(name));
            List<String> faults = new ArrayList<>();
            if (s.active() && dnsmasq != null && dnsmasq.dead(name)) {
                faults.add(NetworkState.DNSMASQ_DEAD);
            }
            faults.addAll(chains.faults(s));
            out.put(name, new NetworkState(name, s.active(), s.autostart(), s.owner(), s.bridge(), s.dhcp(), s.hosts(),
                    s.xml(), faults, s.forwards()));
        }
        return out;
    }

    /** Network {@code n} as its persistent definition says (no faults). */
    private NetworkState networkState(Network n) throws LibvirtException {
        String xml = persistentXml(n);
        NetworkFacts f = LibvirtXml.network(xml);
        return new NetworkState(n.getName(), n.isActive() == 1, n.getAutostart(), f.owner(), f.bridge(), firstRange(f),
                hosts(f), xml, List.of(), f.forwards());
    }

    /**
     * The persistent definition. libvirt's test driver does not know the INACTIVE flag; there the
     * live definition is the best there is (kvmsh keeps live and persistent DHCP in step anyway).
     */
    private String persistentXml(Network n) throws LibvirtException {
        if (!inactiveUnsupported) {
            try {
                return n.getXMLDesc(NETWORK_XML_INACTIVE);
            } catch (LibvirtException e) {
                // A driver without the flag refuses it as an invalid argument (virCheckFlags).
                if (!LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG)) {
                    throw e;
                }
                inactiveUnsupported = true;
            }
        }
        return n.getXMLDesc(0);
    }

    private boolean inactiveUnsupported;

    private static DhcpRange firstRange(NetworkFacts f) {
        return f.ranges().isEmpty() ? null
                : new DhcpRange(f.ranges().get(0).start(), f.ranges().get(0).end(), Origin.UNKNOWN);
    }

    private static List<StaticHost> hosts(NetworkFacts f) {
        return f.hosts().stream().map(h -> new StaticHost(h.name(), h.mac(), h.ip(), Origin.UNKNOWN)).toList();
    }

    /** The domains by name; the seed instance-ids their metadata records go to {@code seeds}. */
    private Map<String, DomainState> readDomains(Map<String, String> seeds) throws LibvirtException {
        Map<String, DomainState> out = new HashMap<>();
        List<Domain> domains = new ArrayList<>();
        for (int id : conn.listDomains()) {
            domains.add(conn.domainLookupByID(id));
        }
        for (String name : conn.listDefinedDomains()) {
            domains.add(conn.domainLookupByName(name));
        }
        for (Domain d : domains) {
            String xml = d.getXMLDesc(DOMAIN_XML_INACTIVE);
            DomainFacts f = LibvirtXml.domain(xml);
            out.put(d.getName(), new DomainState(d.getName(), d.isActive() == 1, d.getAutostart(), f.owner(), xml));
            if (f.seedInstanceId() != null) {
                seeds.put(d.getName(), f.seedInstanceId());
            }
        }
        return out;
    }

    private Set<String> pools() throws LibvirtException {
        Set<String> out = new HashSet<>(List.of(conn.listStoragePools()));
        out.addAll(List.of(conn.listDefinedStoragePools()));
        return out;
    }

    private Map<String, PoolState> poolInfo() throws LibvirtException {
        Map<String, PoolState> out = new HashMap<>();
        for (String name : pools()) {
            StoragePool p = conn.storagePoolLookupByName(name);
            StoragePoolInfo i = p.getInfo();
            boolean active = p.isActive() == 1;
            out.put(name, new PoolState(name, active, LibvirtXml.poolPath(p.getXMLDesc(0)),
                    active ? i.capacity : 0, active ? i.available : 0));
        }
        return out;
    }

    /** The host's pools and volumes in detail, for {@code kvmsh import}. */
    public HostImport.Storage storage() {
        try {
            Map<String, HostImport.Pool> pools = new HashMap<>();
            Map<String, HostImport.Volume> volumes = new HashMap<>();
            for (String name : pools()) {
                StoragePool p = conn.storagePoolLookupByName(name);
                String xml = p.getXMLDesc(0);
                boolean active = p.isActive() == 1;
                pools.put(name, new HostImport.Pool(name, LibvirtXml.rootAttribute(xml, "pool", "type"),
                        LibvirtXml.poolPath(xml), p.getAutostart(), active));
                if (!active) {
                    continue;
                }
                for (String vol : p.listVolumes()) {
                    org.libvirt.StorageVol v = p.storageVolLookupByName(vol);
                    String format = LibvirtXml.volumeFormat(v.getXMLDesc(0));
                    volumes.put(name + "/" + vol, new HostImport.Volume(name, vol, v.getPath(), v.getInfo().capacity,
                            format));
                }
            }
            return new HostImport.Storage(pools, volumes);
        } catch (LibvirtException e) {
            throw new HostUnreachableException("cannot read the storage of " + uri + ": " + LibvirtErrors.describe(e), e);
        }
    }

    /** Volumes as pool/name of the active pools; their capacities go to {@code capacities}. */
    private Set<String> volumes(Map<String, Long> capacities) throws LibvirtException {
        Set<String> out = new HashSet<>();
        for (String pool : conn.listStoragePools()) {
            StoragePool p = conn.storagePoolLookupByName(pool);
            for (String vol : p.listVolumes()) {
                out.add(pool + "/" + vol);
                capacities.put(pool + "/" + vol, p.storageVolLookupByName(vol).getInfo().capacity);
            }
        }
        return out;
    }

    @Override
    public String execute(Action action) {
        try {
            return run(action);
        } catch (LibvirtException e) {
            LOG.debug("libvirt {}: failed: {}: {}", uri, action.describe(), LibvirtErrors.describe(e));
            throw new StepFailedException(LibvirtErrors.describe(e), e);
        } catch (CommandException | kvmsh.cloudinit.SeedException | kvmsh.hostnet.HostNetworkException e) {
            throw new StepFailedException(e.getMessage(), e);
        }
    }

    private String run(Action action) throws LibvirtException {
        if (action instanceof Action.DefineNetwork a) {
            requireAsRead("network", a.def().name(), a.previous() == null ? null : a.previous().xml());
            define(XmlRenderer.network(a.def(), kept(a.previous(), a.owner())));
            forwards.sync(a.def(), a.previous());
        } else if (action instanceof Action.UpdateNetworkForwards a) {
            // The metadata says the new forwards (libvirt restarts nothing for that), then kvmsh's chains follow.
            requireAsRead("network", a.def().name(), a.previous().xml());
            defineMetadata(conn.networkLookupByName(a.def().name()), XmlRenderer.network(a.def(), kept(a.previous(), a.owner())));
            forwards.sync(a.def(), a.previous());
        } else if (action instanceof Action.UpdateNetworkDhcp a) {
            requireAsRead("network", a.def().name(), a.previous().xml());
            String xml = XmlRenderer.network(a.def(), kept(a.previous(), a.owner()));
            define(xml);
            new LiveDhcp(conn).sync(a.def().name(), LibvirtXml.network(xml));
        } else if (action instanceof Action.RestoreNetwork a) {
            touched.add("network " + a.previous().name());
            define(a.previous().xml());
            new LiveDhcp(conn).sync(a.previous().name(), LibvirtXml.network(a.previous().xml()));
            forwards.sync(a.previous());
        } else if (action instanceof Action.StartNetwork a) {
            Network n = conn.networkLookupByName(a.name());
            if (n.isActive() != 1) {
                call("virNetworkCreate", a.name());
                n.create();
            }
        } else if (action instanceof Action.StopNetwork a) {
            Network n = conn.networkLookupByName(a.name());
            if (n.isActive() == 1) {
                call("virNetworkDestroy", a.name());
                n.destroy();
            }
        } else if (action instanceof Action.RestartNetwork a) {
            Network n = conn.networkLookupByName(a.name());
            if (n.isActive() == 1) {
                call("virNetworkDestroy", a.name());
                n.destroy();
            }
            call("virNetworkCreate", a.name());
            n.create();
            replug(a, LibvirtXml.network(n.getXMLDesc(0)).bridge());
        } else if (action instanceof Action.RepairNetwork a) {
            if (a.faults().contains(NetworkState.CHAINS_MISSING)) {
                forwards.sync(networkState(conn.networkLookupByName(a.name())));
            }
            if (a.faults().contains(NetworkState.DNSMASQ_DEAD)) {
                restartDnsmasq(a.name());
            }
        } else if (action instanceof Action.SetNetworkAutostart a) {
            call("virNetworkSetAutostart", a.name() + " " + a.autostart());
            conn.networkLookupByName(a.name()).setAutostart(a.autostart());
        } else if (action instanceof Action.UndefineNetwork a) {
            if (a.previous() != null) {
                requireAsRead("network", a.name(), a.previous().xml());
            } else {
                touched.add("network " + a.name()); // a rollback of this run's define
            }
            call("virNetworkUndefine", a.name());
            conn.networkLookupByName(a.name()).undefine();
            forwards.removed(a.name(), a.previous());
        } else if (action instanceof Action.CreatePool a) {
            String xml = XmlRenderer.pool(a.def());
            call("virStoragePoolDefineXML, virStoragePoolBuild, virStoragePoolCreate", xml);
            StoragePool pool = conn.storagePoolDefineXML(xml, 0);
            pool.build(0);
            pool.create(0);
            pool.setAutostart(a.def().autostart() ? 1 : 0);
        } else if (action instanceof Action.StartPool a) {
            call("virStoragePoolCreate", a.name());
            conn.storagePoolLookupByName(a.name()).create(0);
        } else if (action instanceof Action.RemovePool a) {
            call("virStoragePoolDestroy, virStoragePoolUndefine", a.name());
            StoragePool pool = conn.storagePoolLookupByName(a.name());
            if (pool.isActive() == 1) {
                pool.destroy();
            }
            pool.undefine();
        } else if (action instanceof Action.CreateVolume a) {
            StoragePool pool = conn.storagePoolLookupByName(a.disk().pool());
            String xml = XmlRenderer.volume(a.disk());
            call("virStorageVolCreateXML in pool " + a.disk().pool(), xml);
            pool.storageVolCreateXML(xml, 0);
        } else if (action instanceof Action.ResizeVolume a) {
            resizeVolume(a);
        } else if (action instanceof Action.DeleteVolume a) {
            call("virStorageVolDelete", a.volume().pool() + "/" + a.volume().name());
            conn.storagePoolLookupByName(a.volume().pool()).storageVolLookupByName(a.volume().name()).delete(0);
        } else if (action instanceof Action.CreateSeed a) {
            return seeds.create(a);
        } else if (action instanceof Action.ReplaceSeed a) {
            return seeds.replace(a);
        } else if (action instanceof Action.RestoreSeed a) {
            return seeds.restore(a);
        } else if (action instanceof Action.CreateTap a) {
            links.createTap(a.tap(), a.bridge());
        } else if (action instanceof Action.PlugTap a) {
            links.plug(a.tap(), a.bridge());
        } else if (action instanceof Action.DeleteTap a) {
            links.delete(a.tap());
        } else if (action instanceof Action.DefineDomain a) {
            requireAsRead("vm", a.def().name(), a.previous() == null ? null : a.previous().xml());
            Annotations ann = Annotations.NONE;
            if (a.previous() != null) {
                DomainFacts f = LibvirtXml.domain(a.previous().xml());
                ann = new Annotations(f.uuid(), a.owner(), f.macs());
            } else {
                ann = new Annotations(null, a.owner(), List.of());
            }
            String xml = XmlRenderer.domain(a.def(), ann);
            call("virDomainDefineXML", xml);
            conn.domainDefineXML(xml);
        } else if (action instanceof Action.AdoptDomain a) {
            touched.add("vm " + a.name());
            call("virDomainSetMetadata", a.name() + " " + OwnershipXml.element(a.owner()));
            Domain d = conn.domainLookupByName(a.name());
            d.setMetadata(METADATA_ELEMENT, OwnershipXml.element(a.owner()), Ownership.PREFIX, Ownership.NAMESPACE,
                    metadataFlags(d));
        } else if (action instanceof Action.ReleaseDomain a) {
            call("virDomainSetMetadata", a.name() + " (kvmsh's removed)");
            Domain d = conn.domainLookupByName(a.name());
            d.setMetadata(METADATA_ELEMENT, null, null, Ownership.NAMESPACE, metadataFlags(d));
        } else if (action instanceof Action.AdoptNetwork a) {
            touched.add("network " + a.name());
            adoptNetwork(a);
        } else if (action instanceof Action.RestoreDomain a) {
            touched.add("vm " + a.previous().name());
            restoreDomain(a.previous());
        } else if (action instanceof Action.RenameDomain a) {
            touched.add("vm " + a.from());
            touched.add("vm " + a.to());
            renameDomain(a);
        } else if (action instanceof Action.StartDomain a) {
            Connect c = borrow();
            try {
                Domain d = c.domainLookupByName(a.name());
                if (d.isActive() != 1) {
                    call("virDomainCreate", a.name());
                    d.create();
                }
            } finally {
                giveBack(c);
            }
        } else if (action instanceof Action.StopDomain a) {
            Connect c = borrow();
            try {
                return (c == conn ? lifecycle : new DomainLifecycle(c, waits)).stop(a.name(), a.graceful());
            } finally {
                giveBack(c);
            }
        } else if (action instanceof Action.SetDomainAutostart a) {
            call("virDomainSetAutostart", a.name() + " " + a.autostart());
            conn.domainLookupByName(a.name()).setAutostart(a.autostart());
        } else if (action instanceof Action.UndefineDomain a) {
            if (a.previous() != null) {
                requireAsRead("vm", a.name(), a.previous().xml());
            } else {
                touched.add("vm " + a.name()); // a rollback of this run's define
            }
            call("virDomainUndefine", a.name());
            conn.domainLookupByName(a.name()).undefine();
        } else if (action instanceof Action.RunOp a) {
            return ops.run(a.op());
        } else {
            throw new IllegalArgumentException("unknown step " + action);
        }
        return "";
    }

    /** virDomainBlockResizeFlags VIR_DOMAIN_BLOCK_RESIZE_BYTES: the size is in bytes, not KiB. */
    private static final int BLOCK_RESIZE_BYTES = 1;

    /** Grows a volume: through the running domain (qemu grows the image under the guest), else the storage API. */
    private void resizeVolume(Action.ResizeVolume a) throws LibvirtException {
        Domain d = null;
        try {
            d = conn.domainLookupByName(a.vm());
        } catch (LibvirtException e) {
            // No domain: the volume alone.
        }
        if (d != null && d.isActive() == 1) {
            call("virDomainBlockResize", a.vm() + " " + a.target() + " " + a.toBytes());
            d.blockResize(a.target(), a.toBytes(), BLOCK_RESIZE_BYTES);
        } else {
            call("virStorageVolResize", a.volume().pool() + "/" + a.volume().name() + " " + a.toBytes());
            conn.storagePoolLookupByName(a.volume().pool()).storageVolLookupByName(a.volume().name()).resize(a.toBytes(), 0);
        }
    }

    /**
     * Renames a domain, shutting it down first when it runs (libvirt renames only stopped domains). A rollback's
     * rename back finds the domain under its old name already when a restore put it there: nothing to do.
     */
    private void renameDomain(Action.RenameDomain a) throws LibvirtException {
        Domain d;
        try {
            d = conn.domainLookupByName(a.from());
        } catch (LibvirtException e) {
            conn.domainLookupByName(a.to());
            return;
        }
        if (d.isActive() == 1) {
            lifecycle.stop(a.from(), true);
        }
        call("virDomainRename", a.from() + " → " + a.to());
        LibvirtNative.domainRename(d, a.to());
        if (a.startAfter()) {
            call("virDomainCreate", a.to());
            conn.domainLookupByName(a.to()).create();
        }
    }

    /** Defines {@code previous} again; a domain of its UUID under another name (a rename of this run) gets its name back first. */
    private void restoreDomain(DomainState previous) throws LibvirtException {
        DomainFacts f = LibvirtXml.domain(previous.xml());
        String name = f.name();
        try {
            Domain d = conn.domainLookupByUUIDString(f.uuid());
            if (!d.getName().equals(name)) {
                lifecycle.stop(d.getName(), true);
                call("virDomainRename", d.getName() + " → " + name);
                LibvirtNative.domainRename(d, name);
            }
        } catch (LibvirtException e) {
            // No domain of that UUID: defining it makes it again.
        }
        call("virDomainDefineXML", previous.xml());
        conn.domainDefineXML(previous.xml());
    }

    private void define(String networkXml) throws LibvirtException {
        call("virNetworkDefineXML", networkXml);
        conn.networkDefineXML(networkXml);
    }

    /**
     * Starts a running network's dead dnsmasq again without restarting the network (its guests
     * stay plugged in): libvirt restarts dnsmasq when a live DHCP range changes, so its first range
     * is taken out and put back, live only. Between the two a DHCP request may go unanswered; the
     * client asks again.
     */
    private void restartDnsmasq(String name) throws LibvirtException {
        Network net = conn.networkLookupByName(name);
        NetworkFacts live = LibvirtXml.network(net.getXMLDesc(0));
        if (live.ranges().isEmpty()) {
            throw new StepFailedException("network " + name + ": its dnsmasq is dead and it has no DHCP range to restart"
                    + " it with; restart the network (virsh net-destroy " + name + "; virsh net-start " + name
                    + ") — its guests lose their connection until they restart");
        }
        String range = XmlRenderer.dhcpRange(firstRange(live));
        call("virNetworkUpdate", name + " delete, add " + range + " (live: dnsmasq restarts)");
        LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.DELETE, LibvirtNative.Section.IP_DHCP_RANGE, range);
        LibvirtNative.networkUpdateLive(net, LibvirtNative.Command.ADD_LAST, LibvirtNative.Section.IP_DHCP_RANGE, range);
    }

    /** The domains and networks ({@code vm NAME}, {@code network NAME}) a step of this connection has touched. */
    private final Set<String> touched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The stale-plan check: the first step that changes a domain or network must find it as the
     * plan read it ({@code planned} its definition then, null when it did not exist), so a change
     * someone made in between — another tool, a person, a kvmsh on another machine (the apply lock
     * sees only this one) — is never overwritten or removed unseen. Later steps on the same object
     * follow this run's own changes. Costs one lookup per object.
     */
    private void requireAsRead(String kind, String name, String planned) throws LibvirtException {
        if (!touched.add(kind + " " + name)) {
            return;
        }
        String now = kind.equals("vm") ? currentDomainXml(name) : currentNetworkXml(name);
        String what = planned == null && now != null ? "was defined"
                : planned != null && now == null ? "was removed"
                : planned != null && !planned.equals(now) ? "was changed" : null;
        if (what != null) {
            throw new StepFailedException(kind + " " + name + " " + what + " on " + uri
                    + " after kvmsh read it, by someone else; it was left as it is — run plan again to see it now");
        }
    }

    /** The domain's persistent definition, or null when there is no such domain. */
    private String currentDomainXml(String name) throws LibvirtException {
        try {
            return conn.domainLookupByName(name).getXMLDesc(DOMAIN_XML_INACTIVE);
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return null;
            }
            throw e;
        }
    }

    /** The network's persistent definition, or null when there is no such network. */
    private String currentNetworkXml(String name) throws LibvirtException {
        try {
            return persistentXml(conn.networkLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_NETWORK)) {
                return null;
            }
            throw e;
        }
    }

    /** What a redefined network keeps of {@code previous} (none when it is new): its UUID and its bridge's MAC. */
    private static Annotations kept(NetworkState previous, Ownership owner) {
        if (previous == null) {
            return new Annotations(null, owner, List.of());
        }
        NetworkFacts f = LibvirtXml.network(previous.xml());
        return new Annotations(f.uuid(), owner, java.util.Collections.singletonList(f.mac()));
    }

    /**
     * Plugs the planned guest taps that still exist back into the restarted network's bridge, as
     * libvirt itself does only when libvirtd restarts: a network's destroy takes the bridge away
     * from under them, its create makes an empty one. (On a host whose links kvmsh cannot reach,
     * none was planned: its VMs were planned as cut off.)
     */
    private void replug(Action.RestartNetwork a, String bridge) {
        if (bridge == null || a.ports().isEmpty()) {
            return;
        }
        Map<String, String> now = links.list();
        for (String tap : a.ports()) {
            if (now.containsKey(tap) && !bridge.equals(now.get(tap))) {
                LOG.debug("network {}: plugging {} back into {}", a.name(), tap, bridge);
                links.plug(tap, bridge);
            }
        }
    }

    /** For {@code -v}: the libvirt call about to be made, and on what (a name, or the XML it sends). */
    private void call(String function, String subject) {
        LOG.debug("libvirt {}: {} {}", uri, function, subject.strip());
    }

    /** virDomainMetadataType VIR_DOMAIN_METADATA_ELEMENT: an element in a namespace of its own. */
    private static final int METADATA_ELEMENT = 2;
    /** virDomainModificationImpact: VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG. */
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;

    /** The persistent definition, and the running domain's too: no restart needed to see it. */
    private static int metadataFlags(Domain d) throws LibvirtException {
        return AFFECT_CONFIG | (d.isActive() == 1 ? AFFECT_LIVE : 0);
    }

    /**
     * Writes the network's own definition back with kvmsh's metadata in it: libvirt 9.0 (Debian 12)
     * has no virNetworkSetMetadata (it came in 9.7), and a define changes nothing else. A running
     * network keeps running; libvirt shows the metadata in the persistent definition, which kvmsh
     * reads. Drivers that cannot show a running network's persistent definition (libvirt's test
     * driver) never show it there, so only for them the network is stopped for the define and
     * started again.
     */
    private void adoptNetwork(Action.AdoptNetwork a) throws LibvirtException {
        Network n = conn.networkLookupByName(a.name());
        defineMetadata(n, OwnershipXml.insert(persistentXml(n), a.owner()));
    }

    /**
     * Defines {@code xml}, which differs from network {@code n}'s definition in kvmsh's metadata
     * only: a running network keeps running, except on a driver that cannot show a running
     * network's persistent definition (libvirt's test driver), where it is stopped for the define
     * and started again, so that the next read sees the metadata.
     */
    private void defineMetadata(Network n, String xml) throws LibvirtException {
        if (inactiveUnsupported && n.isActive() == 1) {
            call("virNetworkDestroy", n.getName());
            n.destroy();
            define(xml);
            call("virNetworkCreate", n.getName());
            n.create();
        } else {
            define(xml);
        }
    }

    /** libvirt's test driver lives in each process: nobody else can change its host. */
    @Override
    public List<String> lockKeys() {
        return uri.startsWith("test:") ? List.of() : List.of(uri);
    }

    @Override
    public void close() {
        List<Connect> all = new ArrayList<>(workers);
        all.add(conn);
        for (Connect c : all) {
            try {
                c.close();
            } catch (LibvirtException e) {
                // Closing a dead connection is not worth an error at the end of a run.
            }
        }
    }

    /**
     * A connection for a step that waits on the host (starting or stopping a VM: qemu starting or
     * exiting takes seconds), of its own while the step runs. libvirtd serves at most
     * {@code max_client_requests} calls (default 5) of one connection at once and queues the rest,
     * so eight VMs destroyed in parallel on one connection took two rounds (4.3 s against 2.0 s
     * on eight connections, measured in the sandbox). Connections are kept for the next steps (as
     * many as ran at once) and closed with this one. The test driver keeps its host per connection:
     * there, and where no further connection can be opened, the first one serves.
     */
    private Connect borrow() {
        if (uri.startsWith("test:")) {
            return conn;
        }
        Connect idle = spare.pollFirst();
        if (idle != null) {
            return idle;
        }
        try {
            Connect own = new Connect(uri);
            workers.add(own);
            LOG.debug("libvirt {}: virConnectOpen, connection {}", uri, workers.size() + 1);
            return own;
        } catch (LibvirtException e) {
            LOG.debug("libvirt {}: no further connection ({}): sharing the first", uri, LibvirtErrors.describe(e));
            return conn;
        }
    }

    private void giveBack(Connect c) {
        if (c != conn) {
            spare.addFirst(c);
        }
    }

    private final java.util.concurrent.ConcurrentLinkedDeque<Connect> spare = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final List<Connect> workers = java.util.Collections.synchronizedList(new ArrayList<>());
}
