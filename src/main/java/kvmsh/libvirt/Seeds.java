package kvmsh.libvirt;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import kvmsh.cloudinit.CloudConfig;
import kvmsh.cloudinit.SeedFiles;
import kvmsh.cloudinit.SeedIso;
import kvmsh.host.CommandRunner;
import kvmsh.plan.Action;
import kvmsh.plan.Ownership;
import kvmsh.progress.Wait;
import kvmsh.progress.Waits;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * Cloud-init seeds on a libvirt host: built here (where kvmsh runs), then created as a volume in the
 * VM's pool and filled through libvirt's storage API ({@code virStorageVolUpload} on a stream), so a
 * remote host gets the seed as well as a local one. The seed's instance-id is recorded in the domain's
 * {@code <metadata>} under a namespace of its own, outside the domain's digest.
 */
final class Seeds {

    /** The metadata namespace of {@code <kvmseed:seed instance-id="…"/>}. */
    static final String NAMESPACE = "https://kvmsh.dev/xmlns/kvmsh/seed/1";
    static final String PREFIX = "kvmseed";
    /** Seeds are small; their volumes are whole MiB, at least one, so a slightly larger seed fits again. */
    private static final long MIB = 1L << 20;
    /** virDomainMetadataType VIR_DOMAIN_METADATA_ELEMENT; virDomainModificationImpact's CONFIG and LIVE. */
    private static final int METADATA_ELEMENT = 2;
    private static final int AFFECT_CONFIG = 2;
    private static final int AFFECT_LIVE = 1;

    private final Connect conn;
    private final CommandRunner runner;
    private final Waits waits;
    /** What each seed held before this run replaced it, for a rollback. */
    private final Map<Ownership.VolumeRef, byte[]> previous = new HashMap<>();

    /** @param waits where an upload shows its progress */
    Seeds(Connect conn, CommandRunner runner, Waits waits) {
        this.conn = conn;
        this.runner = runner;
        this.waits = waits;
    }

    String create(Action.CreateSeed a) throws LibvirtException {
        SeedFiles files = CloudConfig.render(a.seed());
        byte[] iso = SeedIso.build(runner, files);
        StoragePool pool = conn.storagePoolLookupByName(a.seed().seedPool());
        StorageVol vol = pool.storageVolCreateXML(XmlRenderer.seedVolume(a.seed().seedVolume(), capacity(iso.length)), 0);
        String note = upload(vol, iso);
        if (a.domainExists()) {
            record(a.vm(), files.instanceId());
        }
        return note;
    }

    String replace(Action.ReplaceSeed a) throws LibvirtException {
        SeedFiles files = CloudConfig.render(a.seed());
        byte[] iso = SeedIso.build(runner, files);
        StorageVol vol = conn.storagePoolLookupByName(a.seed().seedPool()).storageVolLookupByName(a.seed().seedVolume());
        byte[] old = download(vol);
        if (old != null) {
            previous.put(new Ownership.VolumeRef(a.seed().seedPool(), a.seed().seedVolume()), old);
        }
        if (vol.getInfo().capacity < iso.length) {
            vol.resize(capacity(iso.length), 0);
        }
        String note = upload(vol, iso);
        record(a.vm(), files.instanceId());
        return note;
    }

    String restore(Action.RestoreSeed a) throws LibvirtException {
        byte[] old = previous.remove(a.volume());
        if (old != null) {
            upload(conn.storagePoolLookupByName(a.volume().pool()).storageVolLookupByName(a.volume().name()), old);
        }
        record(a.vm(), a.instanceId().equals("none") ? null : a.instanceId());
        return "";
    }

    /** Records (null: removes) the seed's instance-id in the domain's persistent metadata. */
    private void record(String vm, String instanceId) throws LibvirtException {
        Domain d = conn.domainLookupByName(vm);
        String xml = instanceId == null ? null : XmlText.write(new XmlNode("seed").attr("instance-id", instanceId));
        // The live definition too, so what virsh dumpxml shows of a running VM is not stale.
        d.setMetadata(METADATA_ELEMENT, xml, PREFIX, NAMESPACE, AFFECT_CONFIG | (d.isActive() == 1 ? AFFECT_LIVE : 0));
    }

    /**
     * Writes {@code data} over the volume from its start, padded with zeros to its capacity (an ISO
     * says its own length, and nothing of an older, longer seed is left behind). A driver that keeps
     * no volume contents (libvirt's test driver) is told in the returned note; else "".
     */
    private String upload(StorageVol vol, byte[] data) throws LibvirtException {
        long capacity = Math.max(vol.getInfo().capacity, data.length);
        byte[] padded = Arrays.copyOf(data, (int) capacity);
        Stream stream = vol.getConnect().streamNew(0);
        try {
            vol.upload(stream, 0, padded.length, 0);
        } catch (LibvirtException e) {
            release(stream);
            if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                return "this host keeps no volume contents (" + LibvirtErrors.describe(e) + "): the seed of "
                        + data.length + " bytes was built but not uploaded";
            }
            throw e;
        }
        try (Wait w = waits.transfer("upload of seed " + vol.getName() + " (" + kvmsh.plan.Sizes.human(padded.length) + ")",
                padded.length)) {
            try {
                int sent = 0;
                while (sent < padded.length) {
                    int n = stream.send(Arrays.copyOfRange(padded, sent, Math.min(padded.length, sent + (256 << 10))));
                    if (n <= 0) {
                        throw new kvmsh.cloudinit.SeedException("libvirt accepted no more of the seed after " + sent + " bytes", null);
                    }
                    sent += n;
                    w.progress(sent, padded.length);
                }
                stream.finish();
                w.done("");
            } catch (LibvirtException | RuntimeException e) {
                abortQuietly(stream);
                w.failed(e instanceof LibvirtException le ? LibvirtErrors.describe(le) : e.getMessage());
                throw e;
            } finally {
                release(stream);
            }
        }
        return "";
    }

    /** The volume's content, or null where the driver keeps none. */
    private static byte[] download(StorageVol vol) throws LibvirtException {
        long capacity = vol.getInfo().capacity;
        Stream stream = vol.getConnect().streamNew(0);
        try {
            vol.download(stream, 0, capacity, 0);
        } catch (LibvirtException e) {
            release(stream);
            if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                return null;
            }
            throw e;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[256 << 10];
            int n;
            while ((n = stream.receive(buf)) > 0) {
                out.write(buf, 0, n);
            }
            stream.finish();
            return out.toByteArray();
        } catch (LibvirtException | RuntimeException e) {
            abortQuietly(stream);
            throw e;
        } finally {
            release(stream);
        }
    }

    /** Aborts a failed transfer; the transfer's own error is the one to report. */
    private static void abortQuietly(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException ignored) {
            // already failing
        }
    }

    /**
     * Frees a stream; libvirt-java finishes an unfinished stream first, which fails for one whose
     * transfer never started (the error that stopped it is the one worth reporting).
     */
    private static void release(Stream stream) {
        try {
            stream.free();
        } catch (LibvirtException ignored) {
            // See above.
        }
    }

    private static long capacity(long bytes) {
        return Math.max(MIB, (bytes + MIB - 1) / MIB * MIB);
    }
}
