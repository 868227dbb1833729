package kvmsh.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kvmsh.model.OpDef;

/**
 * What the scripts of one session have declared so far, in order. Running a script only adds
 * here; nothing touches a host. A REPL session keeps one instance across snippets.
 */
final class Declarations {

    final List<NetworkSpec> networks = new ArrayList<>();
    final List<VmSpec> vms = new ArrayList<>();
    final List<PoolSpec> pools = new ArrayList<>();
    final List<OpDef> ops = new ArrayList<>();
    final List<HookDef> hooks = new ArrayList<>();
    final List<kvmsh.model.HypervisorDef> hypervisors = new ArrayList<>();
    final Problems problems = new Problems();
    /** {@code project 'name'}: the script's stable identity as an owner, or null (its path is). */
    String project;
    /** Where {@link #project} was declared. */
    kvmsh.model.Origin projectAt;
    /** Relative paths in scripts resolve against this directory. */
    Path baseDir;
    /**
     * In a script, declaring a name twice is a mistake (reported by {@link CrossChecks}); in a REPL
     * it is how a user iterates, so the later declaration takes the earlier one's place.
     */
    private final boolean redeclarationReplaces;

    Declarations(Path baseDir, boolean redeclarationReplaces) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.redeclarationReplaces = redeclarationReplaces;
    }

    /** A REPL's session (the one kind where redeclaring replaces): it refuses what only a script file can be. */
    boolean interactive() {
        return redeclarationReplaces;
    }

    String absolute(String path) {
        return baseDir.resolve(path).normalize().toString();
    }

    void declare(NetworkSpec spec) {
        if (named(spec)) {
            declare(networks, spec);
        }
    }

    void declare(VmSpec spec) {
        if (named(spec)) {
            declare(vms, spec);
        }
    }

    void declare(PoolSpec spec) {
        if (named(spec)) {
            declare(pools, spec);
        }
    }

    /**
     * A block with a bad name is reported here and not declared: its settings are still checked, but
     * nothing (a duplicate check, the model) sees an object libvirt could not hold.
     */
    private boolean named(BlockSpec spec) {
        String example = Keywords.find(KvmshScript.class, spec.blockName()).map(Keyword::example)
                .orElse(spec.blockName() + " 'web'");
        return Names.check(problems, spec.origin, spec.blockName(), spec.name, example);
    }

    private <T extends BlockSpec> void declare(List<T> specs, T spec) {
        if (redeclarationReplaces) {
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).name.equals(spec.name)) {
                    // Keep the first declaration's position: the order of the model stays stable while iterating.
                    specs.set(i, spec);
                    return;
                }
            }
        }
        specs.add(spec);
    }

    /** Removes the networks, VMs and pools named {@code name}; says which ({@code "vm 'web'"}). */
    List<String> forget(String name) {
        List<String> gone = new ArrayList<>();
        for (List<? extends BlockSpec> specs : List.of(networks, vms, pools)) {
            specs.removeIf(s -> {
                boolean match = s.name.equals(name);
                if (match) {
                    gone.add(s.blockName() + " '" + name + "'");
                }
                return match;
            });
        }
        return gone;
    }

    /** Every declaration in order, as {@code "network 'lab'"}, {@code "vm 'web'"}. */
    List<String> described() {
        List<String> out = new ArrayList<>();
        for (List<? extends BlockSpec> specs : List.of(networks, pools, vms)) {
            specs.forEach(s -> out.add(s.blockName() + " '" + s.name + "'"));
        }
        return out;
    }

    /** The declarations as they are now, to go back to if a REPL entry fails. */
    Snapshot snapshot() {
        return new Snapshot(List.copyOf(networks), List.copyOf(vms), List.copyOf(pools), List.copyOf(ops));
    }

    void restore(Snapshot s) {
        networks.clear();
        networks.addAll(s.networks());
        vms.clear();
        vms.addAll(s.vms());
        pools.clear();
        pools.addAll(s.pools());
        ops.clear();
        ops.addAll(s.ops());
        problems.drain();
    }

    /** A copy of the declaration lists (the specs themselves are not changed once their block has run). */
    record Snapshot(List<NetworkSpec> networks, List<VmSpec> vms, List<PoolSpec> pools, List<OpDef> ops) {
    }
}
