package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.libvirt.CPUCompareResult;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.DomainJobStats;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

import kvmsh.plan.MigrationOptions;
import kvmsh.plan.MigrationProgress;
import kvmsh.plan.MigrationReport;
import kvmsh.plan.Ownership;
import kvmsh.plan.PlannedOnTarget;
import kvmsh.plan.StepFailedException;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;

/**
 * Moves one domain between two libvirt connections (libvirt's "managed direct" migration: kvmsh
 * drives both daemons, and qemu sends the guest straight to the target's migration address).
 *
 * <ol>
 *   <li>Checks, before anything changes: the domain is on the source and not on the target, the
 *       two hosts' UUIDs differ, the target offers its machine type and CPU model, its networks
 *       exist there, and each disk is either visible there (shared storage) or can be created
 *       there: in a pool of the same name and path, with room, and no volume of that name.</li>
 *   <li>A running domain: the volumes to copy are created on the target (same pool, name,
 *       capacity and format), then {@code virDomainMigrate3} with {@code PERSIST_DEST} (its
 *       persistent definition, kvmsh's {@code <metadata>} included, becomes the target's),
 *       {@code UNDEFINE_SOURCE}, {@code LIVE} unless asked otherwise and {@code NON_SHARED_DISK}
 *       over {@code migrate_disks} for the copied disks. Progress comes from the job info.</li>
 *   <li>A stopped domain: its volumes are streamed to the target, then it is defined there with
 *       its own definition and undefined on the source.</li>
 *   <li>Afterwards the source copies of volumes kvmsh made for the VM (its ownership record) are
 *       deleted: their data lives on the target now. Other volumes are kept, with a note.</li>
 * </ol>
 * A failure removes what was made on the target; the VM stays (and runs) on the source.
 */
final class DomainMigration {

    // virDomainMigrateFlags
    private static final long LIVE = 1;
    private static final long PERSIST_DEST = 8;
    private static final long UNDEFINE_SOURCE = 16;
    private static final long NON_SHARED_DISK = 64;
    private static final long CHANGE_PROTECTION = 256;
    private static final long ABORT_ON_ERROR = 4096;
    // virDomainXMLFlags
    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;
    private static final int XML_MIGRATABLE = 8;
    private static final int JOB_STATS_COMPLETED = 1;
    private static final long POLL_MILLIS = 500;
    private static final Set<String> SHARED_POOL_TYPES =
            Set.of("netfs", "gluster", "rbd", "sheepdog", "iscsi", "iscsi-direct", "scsi", "mpath", "vstorage");

    private final Connect source;
    private final String from;
    private final Connect target;
    private final String to;
    /** Where a stopped VM's volume copies show their progress. */
    private final Waits waits;

    /** {@code from} and {@code to} name the hosts in messages (their URIs or hypervisor names). */
    DomainMigration(Connect source, String from, Connect target, String to, Waits waits) {
        this.waits = waits;
        this.source = source;
        this.from = from;
        this.target = target;
        this.to = to;
    }

    /**
     * A volume to create on the target and fill: by qemu's disk mirror during a live migration, else
     * ({@code streamed}: a stopped VM's volumes, and a running VM's read-only ones, which the mirror
     * leaves out, such as its cloud-init seed) by libvirt's volume streams before the VM moves.
     */
    private record VolumeCopy(MigrationFacts.Disk disk, String pool, String name, long capacity, String format,
                              boolean readOnly) {
        String ref() {
            return pool + "/" + name;
        }
    }

    private record Prepared(Domain dom, boolean running, String persistentXml, List<VolumeCopy> copies,
                            List<String> problems) {
    }

    /** What stands in the way, taking what the plan makes on the target first ({@code planned}) as there. */
    List<String> problems(String vm, MigrationOptions options, PlannedOnTarget planned) {
        return prepare(vm, options, planned).problems();
    }

    MigrationReport run(String vm, MigrationOptions options, MigrationProgress progress) {
        long t0 = System.nanoTime();
        Prepared p = prepare(vm, options, PlannedOnTarget.NOTHING);
        if (!p.problems().isEmpty()) {
            throw new StepFailedException("cannot move vm " + vm + " from " + from + " to " + to + ": "
                    + String.join("; ", p.problems()));
        }
        List<StorageVol> created = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            boolean autostart = p.dom().getAutostart();
            for (VolumeCopy c : p.copies()) {
                created.add(createOnTarget(c));
            }
            MigrationReport report;
            if (p.running()) {
                // What the disk mirror leaves out goes first: the guest reads it on the target at once.
                long streamed = 0;
                for (int i = 0; i < p.copies().size(); i++) {
                    VolumeCopy c = p.copies().get(i);
                    if (c.readOnly()) {
                        streamed += stream(source.storagePoolLookupByName(c.pool()).storageVolLookupByName(c.name()),
                                created.get(i));
                    }
                }
                report = migrateLive(vm, p, options, progress, notes, t0);
                report = new MigrationReport(report.vm(), report.from(), report.to(), report.live(), report.elapsedMillis(),
                        report.downtimeMillis(), report.memoryBytes(), report.diskBytes() + streamed,
                        report.copiedVolumes(), report.notes());
            } else {
                report = moveDefinition(vm, p, created, t0);
            }
            created.clear(); // the VM is on the target now, on these volumes: kept whatever happens below
            if (autostart) {
                try {
                    target.domainLookupByName(vm).setAutostart(true);
                } catch (LibvirtException e) {
                    notes.add("vm " + vm + " is on " + to + ", but its autostart could not be turned on there: "
                            + LibvirtErrors.describe(e));
                }
            }
            deleteSourceCopies(p, notes);
            return new MigrationReport(report.vm(), report.from(), report.to(), report.live(),
                    (System.nanoTime() - t0) / 1_000_000, report.downtimeMillis(), report.memoryBytes(),
                    report.diskBytes(), report.copiedVolumes(), notes);
        } catch (LibvirtException | RuntimeException e) {
            // Before the VM moved (a volume copy that stopped, libvirt refusing the migration): it is where it was.
            undoCreated(created);
            String why = e instanceof LibvirtException le ? LibvirtErrors.describe(le) : e.getMessage();
            throw new StepFailedException("moving vm " + vm + " from " + from + " to " + to + " failed: "
                    + why + " — it is still on " + from
                    + (created.isEmpty() ? "" : "; the volumes made on " + to + " for it were removed"), e);
        }
    }

    // --- checks -------------------------------------------------------------------------

    private Prepared prepare(String vm, MigrationOptions options, PlannedOnTarget planned) {
        List<String> problems = new ArrayList<>();
        Domain dom;
        try {
            dom = source.domainLookupByName(vm);
        } catch (LibvirtException e) {
            return new Prepared(null, false, null, List.of(), List.of("vm " + vm + " is not on " + from));
        }
        try {
            if (exists(() -> target.domainLookupByName(vm))) {
                problems.add("a vm named " + vm + " already exists on " + to);
            }
            boolean running = dom.isActive() == 1;
            MigrationFacts facts = MigrationFacts.of(dom.getXMLDesc(running ? 0 : XML_INACTIVE));
            String sourceCaps = source.getCapabilities();
            String targetCaps = target.getCapabilities();
            sameHost(sourceCaps, targetCaps).ifPresent(problems::add);
            checkMachine(facts, targetCaps, problems);
            checkCpu(facts, problems);
            checkNetworks(facts, running, planned, problems);
            List<VolumeCopy> copies = checkDisks(facts, options, planned, problems);
            String persistentXml = dom.getXMLDesc(XML_INACTIVE | XML_SECURE | XML_MIGRATABLE);
            return new Prepared(dom, running, persistentXml, copies, problems);
        } catch (LibvirtException e) {
            problems.add("cannot read vm " + vm + " or the hosts: " + LibvirtErrors.describe(e));
            return new Prepared(dom, false, null, List.of(), problems);
        }
    }

    /** The problem when both hosts report one host UUID (libvirt refuses that as a migration to the same host). */
    Optional<String> sameHost(String sourceCaps, String targetCaps) {
        String uuid = MigrationFacts.hostUuid(sourceCaps);
        if (uuid == null || !uuid.equals(MigrationFacts.hostUuid(targetCaps))) {
            return Optional.empty();
        }
        return Optional.of(from + " and " + to + " report the same host UUID " + uuid
                + ", so libvirt would take it for a migration to the same host — give each libvirtd its own"
                + " host_uuid in libvirtd.conf");
    }

    private void checkMachine(MigrationFacts f, String targetCaps, List<String> problems) {
        if (f.machine() == null || f.arch() == null) {
            return;
        }
        if (!MigrationFacts.machines(targetCaps, f.arch(), f.type()).contains(f.machine())) {
            problems.add(to + " cannot run machine type " + f.machine() + " (" + f.arch() + ", " + f.type()
                    + ") of vm " + f.name());
        }
    }

    private void checkCpu(MigrationFacts f, List<String> problems) {
        // The host CPU matters only where the guest runs on it (KVM); TCG emulates any model.
        if (f.cpuXml() == null || !"kvm".equals(f.type())) {
            return;
        }
        try {
            if (target.compareCPU(f.cpuXml()) == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE) {
                problems.add(to + "'s CPU cannot run the CPU model of vm " + f.name());
            }
        } catch (LibvirtException e) {
            problems.add("cannot compare vm " + f.name() + "'s CPU with " + to + "'s: " + LibvirtErrors.describe(e));
        }
    }

    private void checkNetworks(MigrationFacts f, boolean running, PlannedOnTarget planned, List<String> problems)
            throws LibvirtException {
        for (String net : f.networks()) {
            if (planned.networks().contains(net)) {
                continue;
            }
            org.libvirt.Network n;
            try {
                n = target.networkLookupByName(net);
            } catch (LibvirtException e) {
                problems.add("network " + net + ", which vm " + f.name() + " uses, does not exist on " + to
                        + " — declare it there too");
                continue;
            }
            if (running && n.isActive() != 1) {
                problems.add("network " + net + ", which vm " + f.name() + " uses, is not running on " + to);
            }
        }
    }

    private List<VolumeCopy> checkDisks(MigrationFacts f, MigrationOptions options, PlannedOnTarget planned,
                                        List<String> problems) throws LibvirtException {
        List<VolumeCopy> copies = new ArrayList<>();
        for (MigrationFacts.Disk d : f.disks()) {
            String what = (d.device().equals("disk") ? "disk " : d.device() + " ") + d.target() + " of vm " + f.name()
                    + " (" + d.where() + ")";
            Optional<StorageVol> vol = volume(source, d);
            StoragePool pool = vol.isPresent() ? vol.get().storagePoolLookupByVolume() : null;
            String poolType = pool == null ? null : LibvirtXml.rootAttribute(pool.getXMLDesc(0), "pool", "type");
            boolean copy = d.copied() && switch (options.copyStorage()) {
                case TRUE -> true;
                case FALSE -> false;
                case AUTO -> poolType == null || !SHARED_POOL_TYPES.contains(poolType);
            };
            // A read-only disk in a pool that the target lacks (a seed, an ISO) is streamed, unless told not to copy.
            boolean streamed = !d.copied() && vol.isPresent() && options.copyStorage() != MigrationOptions.CopyStorage.FALSE
                    && volume(target, d).isEmpty();
            if (!copy && !streamed) {
                if (volume(target, d).isEmpty()) {
                    problems.add(what + " is not on " + to + (d.copied()
                            ? " — it is copied only with copyStorage: true or auto"
                            : vol.isPresent() ? " — it is copied only with copyStorage: true or auto"
                            : ": a read-only disk outside a storage pool is not copied; make it available there"));
                }
                continue;
            }
            if (vol.isEmpty()) {
                problems.add(what + " is in no storage pool on " + from + ", so kvmsh cannot make its copy on " + to
                        + " — put it in a pool, or keep it on shared storage and use copyStorage: false");
                continue;
            }
            String poolName = pool.getName();
            Optional<StoragePool> there = find(() -> target.storagePoolLookupByName(poolName));
            var info = vol.get().getInfo();
            String format = LibvirtXml.volumeFormat(vol.get().getXMLDesc(0));
            VolumeCopy c = new VolumeCopy(d, poolName, vol.get().getName(), info.capacity, format == null ? "raw" : format,
                    streamed);
            if (there.isEmpty() && planned.pools().contains(poolName)) {
                // Made by the plan before the move: the migration checks it when it starts.
                copies.add(c);
                continue;
            }
            if (there.isEmpty()) {
                problems.add("pool " + poolName + ", which holds " + what + ", does not exist on " + to
                        + " — declare it there too");
                continue;
            }
            String herePath = LibvirtXml.poolPath(pool.getXMLDesc(0));
            String therePath = LibvirtXml.poolPath(there.get().getXMLDesc(0));
            if (herePath != null && !herePath.equals(therePath)) {
                problems.add("pool " + poolName + " is at " + therePath + " on " + to + ", not at " + herePath
                        + " as on " + from + ", so the copy of " + what + " would not be where the VM looks");
            } else if (there.get().isActive() != 1 && !planned.pools().contains(poolName)) {
                problems.add("pool " + poolName + " is not running on " + to);
            } else if (find(() -> there.get().storageVolLookupByName(c.name())).isPresent()) {
                problems.add("volume " + c.ref() + " already exists on " + to + ": kvmsh does not overwrite it");
            } else if (there.get().isActive() == 1 && there.get().getInfo().available < info.allocation) {
                problems.add("pool " + poolName + " on " + to + " has " + kvmsh.plan.Sizes.human(there.get().getInfo().available)
                        + " free, too little for " + what + " (" + kvmsh.plan.Sizes.human(info.allocation) + ")");
            } else {
                copies.add(c);
            }
        }
        return copies;
    }

    // --- moving ---------------------------------------------------------------------------

    private StorageVol createOnTarget(VolumeCopy c) throws LibvirtException {
        StringBuilder xml = new StringBuilder("<volume><name>");
        XmlText.escape(xml, c.name(), false);
        xml.append("</name><capacity unit='bytes'>").append(c.capacity()).append("</capacity><target><format type='");
        XmlText.escape(xml, c.format(), true);
        xml.append("'/></target></volume>");
        return target.storagePoolLookupByName(c.pool()).storageVolCreateXML(xml.toString(), 0);
    }

    private MigrationReport migrateLive(String vm, Prepared p, MigrationOptions options, MigrationProgress progress,
                                        List<String> notes, long t0) throws LibvirtException {
        List<TypedParameter> params = new ArrayList<>();
        params.add(new TypedStringParameter("persistent_xml", p.persistentXml()));
        if (options.bandwidthMiBs() > 0) {
            params.add(new TypedUlongParameter("bandwidth", options.bandwidthMiBs()));
        }
        long flags = PERSIST_DEST | UNDEFINE_SOURCE | CHANGE_PROTECTION | ABORT_ON_ERROR | (options.live() ? LIVE : 0);
        List<VolumeCopy> mirrored = p.copies().stream().filter(c -> !c.readOnly()).toList();
        if (!mirrored.isEmpty()) {
            flags |= NON_SHARED_DISK;
            mirrored.forEach(c -> params.add(new TypedStringParameter("migrate_disks", c.disk().target())));
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong diskSeen = new AtomicLong();
        Thread watcher = new Thread(() -> watch(p.dom(), options, progress, notes, done, diskSeen, t0), "kvmsh-migrate-" + vm);
        watcher.setDaemon(true);
        watcher.start();
        Domain moved;
        try {
            moved = p.dom().migrate(target, params.toArray(TypedParameter[]::new), flags);
        } finally {
            done.set(true);
            watcher.interrupt();
        }
        long downtime = -1;
        long memory = 0;
        long disk = 0;
        try {
            DomainJobStats stats = moved.getJobStats(JOB_STATS_COMPLETED);
            for (TypedParameter t : stats.stats) {
                long v = t instanceof TypedUlongParameter u ? u.value : 0;
                switch (t.field) {
                    case "downtime" -> downtime = v;
                    case "memory_processed" -> memory = v;
                    case "disk_processed" -> disk = v;
                    default -> { }
                }
            }
        } catch (LibvirtException e) {
            notes.add("libvirt kept no statistics of the migration: " + LibvirtErrors.describe(e));
        }
        // libvirt's completed statistics leave out the disk mirror; it finished, so all it had to copy was copied.
        disk = Math.max(disk, diskSeen.get());
        return new MigrationReport(vm, from, to, options.live(), (System.nanoTime() - t0) / 1_000_000, downtime,
                memory, disk, p.copies().stream().map(VolumeCopy::ref).toList(), notes);
    }

    /** Reports the job's progress until the migration returns; pauses the guest after the timeout. */
    private void watch(Domain dom, MigrationOptions options, MigrationProgress progress, List<String> notes,
                       AtomicBoolean done, AtomicLong diskSeen, long t0) {
        boolean paused = false;
        while (!done.get()) {
            try {
                Thread.sleep(POLL_MILLIS);
                DomainJobInfo job = dom.getJobInfo();
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                diskSeen.accumulateAndGet(job.getFileTotal(), Math::max);
                progress.update(elapsed, job.getMemRemaining(), job.getMemTotal(), job.getFileRemaining(), job.getFileTotal());
                if (!paused && options.live() && options.timeoutSeconds() > 0 && elapsed > options.timeoutSeconds() * 1000L) {
                    dom.suspend();
                    paused = true;
                    synchronized (notes) {
                        notes.add("paused after " + options.timeoutSeconds() + " s of live migration, so it could finish");
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (LibvirtException | RuntimeException e) {
                // The job ends between two polls: nothing left to report.
                if (done.get()) {
                    return;
                }
            }
        }
    }

    private MigrationReport moveDefinition(String vm, Prepared p, List<StorageVol> created, long t0)
            throws LibvirtException {
        long copied = 0;
        for (int i = 0; i < p.copies().size(); i++) {
            VolumeCopy c = p.copies().get(i);
            copied += stream(source.storagePoolLookupByName(c.pool()).storageVolLookupByName(c.name()), created.get(i));
        }
        Domain defined = target.domainDefineXML(p.persistentXml());
        try {
            p.dom().undefine();
        } catch (LibvirtException e) {
            defined.undefine();
            throw e;
        }
        return new MigrationReport(vm, from, to, false, (System.nanoTime() - t0) / 1_000_000, -1, 0, copied,
                p.copies().stream().map(VolumeCopy::ref).toList(), List.of());
    }

    /** Copies a volume's content from the source to the target through libvirt streams; returns the bytes copied. */
    private long stream(StorageVol from, StorageVol into) throws LibvirtException {
        Stream down = source.streamNew(0);
        Stream up = target.streamNew(0);
        long size = from.getInfo().capacity;
        long total = 0;
        try (Wait w = waits.transfer("copy of volume " + from.getName() + " to " + to + " (" + kvmsh.plan.Sizes.human(size) + ")", size)) {
            try {
                from.download(down, 0, 0, 0);
                into.upload(up, 0, 0, 0);
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = down.receive(buf)) > 0) {
                    byte[] chunk = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
                    int sent = 0;
                    while (sent < n) {
                        int s = up.send(sent == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, sent, n));
                        if (s <= 0) {
                            throw new StepFailedException("the target accepted no more of volume " + from.getName()
                                    + " after " + (total + sent) + " bytes");
                        }
                        sent += s;
                    }
                    total += n;
                    w.progress(total, Math.max(size, total));
                }
                down.finish();
                up.finish();
                w.done("");
                return total;
            } catch (LibvirtException | RuntimeException e) {
                quietly(down::abort);
                quietly(up::abort);
                w.failed(e instanceof LibvirtException le ? LibvirtErrors.describe(le) : e.getMessage());
                throw e;
            } finally {
                quietly(down::free);
                quietly(up::free);
            }
        }
    }

    private void deleteSourceCopies(Prepared p, List<String> notes) {
        Optional<Ownership> owner = LibvirtXml.owner(LibvirtXml.root(p.persistentXml(), "domain"));
        List<Ownership.VolumeRef> ours = owner.map(Ownership::volumes).orElse(List.of());
        for (VolumeCopy c : p.copies()) {
            if (!ours.contains(new Ownership.VolumeRef(c.pool(), c.name()))) {
                notes.add("volume " + c.ref() + " is kept on " + from + " (kvmsh did not make it)");
                continue;
            }
            try {
                source.storagePoolLookupByName(c.pool()).storageVolLookupByName(c.name()).delete(0);
            } catch (LibvirtException e) {
                notes.add("could not delete the old copy of " + c.ref() + " on " + from + ": " + LibvirtErrors.describe(e));
            }
        }
    }

    private static void undoCreated(List<StorageVol> created) {
        for (StorageVol v : created) {
            quietly(() -> v.delete(0));
        }
    }

    private interface LibvirtCall<T> {
        T call() throws LibvirtException;
    }

    private interface LibvirtStep {
        void run() throws LibvirtException;
    }

    /** The volume behind a disk on a host: by its pool and name, or by its file's path. */
    private static Optional<StorageVol> volume(Connect host, MigrationFacts.Disk d) {
        return d.file() != null
                ? find(() -> host.storageVolLookupByPath(d.file()))
                : find(() -> host.storagePoolLookupByName(d.pool()).storageVolLookupByName(d.volume()));
    }

    private static <T> Optional<T> find(LibvirtCall<T> call) {
        try {
            return Optional.ofNullable(call.call());
        } catch (LibvirtException e) {
            return Optional.empty();
        }
    }

    private static boolean exists(LibvirtCall<?> call) {
        return find(call).isPresent();
    }

    private static void quietly(LibvirtStep step) {
        try {
            step.run();
        } catch (LibvirtException | RuntimeException e) {
            // Cleaning up after a failure that is already being reported.
        }
    }
}
