package kvmsh.libvirt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kvmsh.model.Comments;
import kvmsh.model.DiskDef;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.Origin;
import kvmsh.model.PoolDef;
import kvmsh.model.VmDef;
import kvmsh.model.XmlEdit;
import kvmsh.plan.DomainState;
import kvmsh.plan.HostState;
import kvmsh.plan.NetworkState;

/**
 * {@code kvmsh import}: the host's networks, VMs and storage pools as the declarations of a script
 * (written by {@code ScriptWriter} with the comments this collects). Objects the DSL cannot declare
 * are listed in comments, never dropped silently; objects kvmsh already manages say so.
 */
public final class HostImport {

    /**
     * What a host has in storage, beyond {@link HostState}'s names.
     *
     * @param pools   pools by name
     * @param volumes volumes by {@code pool/name}
     */
    public record Storage(Map<String, Pool> pools, Map<String, Volume> volumes) {
    }

    /** A storage pool: its type (dir, logical, …), directory, whether it starts with the host and runs now. */
    public record Pool(String name, String type, String path, boolean autostart, boolean active) {
    }

    /** A volume: its file, capacity in bytes and format. */
    public record Volume(String pool, String name, String path, long capacity, String format) {
    }

    /**
     * The script's declarations and comments, and the names asked for that the host does not have.
     */
    public record Result(HostModel model, Comments comments, List<String> unknownNames) {
    }

    private HostImport() {
    }

    /** True when this host's osinfo database knows {@code id} (the DSL's {@code os} needs it there). */
    static boolean knownOs(String id) {
        return kvmsh.osinfo.OsInfoDb.system().map(db -> db.find(id).isPresent()).orElse(false);
    }

    /**
     * The host's objects named in {@code names} (every object when empty) as declarations.
     *
     * @param script the path the model is recorded as (its ownership script, where one is applied)
     */
    public static Result of(HostState host, Storage storage, List<String> names, String script) {
        Set<String> wanted = new HashSet<>(names);
        Set<String> found = new HashSet<>();
        List<String> header = new ArrayList<>();
        Map<String, List<String>> before = new LinkedHashMap<>();
        Map<XmlEdit, String> edits = new HashMap<>();
        List<String> footer = new ArrayList<>();
        header.add("Imported by kvmsh import from " + host.uri() + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                + ".");
        header.add("kvmsh plan --adopt / run --adopt FILE takes the objects below under management: it writes");
        header.add("kvmsh's ownership metadata only (no restart, the same UUIDs and MACs); down then removes them.");

        List<PoolDef> pools = new ArrayList<>();
        for (Pool p : sorted(storage.pools().values(), Pool::name)) {
            if (!wanted.isEmpty() && !wanted.contains(p.name())) {
                continue;
            }
            found.add(p.name());
            if (!"dir".equals(p.type()) || p.path() == null) {
                footer.add("pool " + p.name() + " (type " + p.type() + "): the DSL declares directory pools only");
                continue;
            }
            pools.add(new PoolDef(p.name(), "dir", p.path(), p.autostart(), Origin.UNKNOWN));
            if (!p.active()) {
                before.put("pool " + p.name(), List.of("inactive on the host: kvmsh starts the pools it declares"));
            }
        }

        List<NetworkDef> networks = new ArrayList<>();
        for (NetworkState n : sorted(host.networks().values(), NetworkState::name)) {
            if (!wanted.isEmpty() && !wanted.contains(n.name())) {
                continue;
            }
            found.add(n.name());
            NetworkImport.Result r;
            try {
                r = NetworkImport.of(n);
            } catch (RuntimeException e) {
                footer.add("network " + n.name() + " could not be read: " + e.getMessage());
                continue;
            }
            if (r.def() == null) {
                footer.addAll(r.notes());
                continue;
            }
            networks.add(r.def());
            List<String> lines = new ArrayList<>();
            n.owner().ifPresent(o -> lines.add("managed by kvmsh already (script " + o.script() + ")"));
            if (!n.active()) {
                lines.add("inactive on the host: kvmsh starts the networks it manages");
            }
            lines.addAll(r.notes());
            if (!lines.isEmpty()) {
                before.put("network " + n.name(), lines);
            }
        }

        Map<String, String> networkOfBridge = new HashMap<>();
        host.networks().values().forEach(n -> {
            if (n.bridge() != null) {
                networkOfBridge.put(n.bridge(), n.name());
            }
        });
        Set<String> usedFiles = new HashSet<>();
        Set<String> usedVolumes = new HashSet<>();
        List<VmDef> vms = new ArrayList<>();
        for (DomainState d : sorted(host.domains().values(), DomainState::name)) {
            usedFiles.addAll(LibvirtXml.diskFiles(d.xml()));
            if (!wanted.isEmpty() && !wanted.contains(d.name())) {
                continue;
            }
            found.add(d.name());
            DomainImport.Result r;
            try {
                r = DomainImport.of(d, v -> storage.volumes().containsKey(v) ? storage.volumes().get(v).capacity() : 0L,
                        tap -> networkOfBridge.get(host.links().getOrDefault(tap, "")), HostImport::knownOs);
            } catch (RuntimeException e) {
                footer.add("vm " + d.name() + " could not be read: " + e.getMessage());
                continue;
            }
            vms.add(r.vm());
            r.vm().disks().stream().filter(DiskDef::isNewVolume).forEach(x -> usedVolumes.add(x.pool() + "/" + x.volume()));
            edits.putAll(r.why());
            List<String> lines = new ArrayList<>();
            d.owner().ifPresent(o -> lines.add("managed by kvmsh already (script " + o.script() + ")"));
            lines.addAll(r.notes());
            if (!lines.isEmpty()) {
                before.put("vm " + d.name(), lines);
            }
        }

        for (Volume v : sorted(storage.volumes().values(), x -> x.pool() + "/" + x.name())) {
            boolean named = wanted.isEmpty() || wanted.contains(v.pool());
            if (named && !usedFiles.contains(v.path()) && !usedVolumes.contains(v.pool() + "/" + v.name())) {
                footer.add("volume " + v.pool() + "/" + v.name() + " (" + v.format() + ", "
                        + kvmsh.plan.Sizes.human(v.capacity()) + ", " + v.path() + ") is used by no VM: kvmsh declares"
                        + " volumes as the disks of VMs");
            }
        }
        if (!footer.isEmpty()) {
            footer.add(0, "Not declared (kvmsh cannot represent these; they are left as they are):");
        }
        List<String> unknown = names.stream().filter(n -> !found.contains(n)).toList();
        HostModel model = new HostModel(script, networks, vms, List.of(), pools);
        return new Result(model, new Comments(header, before, edits, footer), unknown);
    }

    private static <T> List<T> sorted(Collection<T> items, java.util.function.Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }
}
