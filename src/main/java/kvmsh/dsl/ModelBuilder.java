package kvmsh.dsl;

import java.util.ArrayList;
import java.util.List;
import kvmsh.model.HostModel;
import kvmsh.model.NetworkDef;
import kvmsh.model.VmDef;

/**
 * Builds the {@link HostModel} from a session's declarations: resolves each network and VM, then
 * checks them against each other. Problems go to the given collector; the model is built from
 * whatever resolved so callers decide whether problems are fatal.
 */
final class ModelBuilder {

    private final Problems problems;
    private final ValidationEnv env;

    ModelBuilder(Problems problems, ValidationEnv env) {
        this.problems = problems;
        this.env = env;
    }

    HostModel build(String script, Declarations decl) {
        NetworkResolver networkResolver = new NetworkResolver(problems, env);
        List<CrossChecks.Network> networks = new ArrayList<>();
        for (NetworkSpec spec : decl.networks) {
            networks.add(new CrossChecks.Network(spec, networkResolver.resolve(spec)));
        }
        VmResolver vmResolver = new VmResolver(problems, env);
        List<VmDef> vms = new ArrayList<>();
        for (VmSpec spec : decl.vms) {
            vms.add(vmResolver.resolve(spec));
        }
        new CrossChecks(problems, env).check(networks, vms, decl.ops);
        networks = new ForwardResolver(problems).resolve(networks, vms);
        List<NetworkDef> defs = networks.stream().map(CrossChecks.Network::def).filter(d -> d != null).toList();
        new StaticNetworkConfig(problems, defs).derive(decl.vms, vms);
        List<kvmsh.model.PoolDef> pools = new ArrayList<>();
        java.util.Set<String> poolNames = new java.util.HashSet<>();
        for (PoolSpec spec : decl.pools) {
            var pool = spec.resolve(problems, env);
            if (pool != null && !poolNames.add(pool.name())) {
                problems.add(pool.origin(), "pool '" + pool.name() + "' is declared twice", "rename or remove one of them");
            } else if (pool != null) {
                pools.add(pool);
            }
        }
        java.util.Set<String> adoptVms = new java.util.HashSet<>();
        decl.vms.stream().filter(s -> s.adopt).forEach(s -> adoptVms.add(s.name));
        java.util.Set<String> adoptNetworks = new java.util.HashSet<>();
        decl.networks.stream().filter(s -> s.adopt).forEach(s -> adoptNetworks.add(s.name));
        kvmsh.model.Placement placement = new Placements(problems).resolve(decl, vms);
        return new HostModel(script, defs, vms, decl.ops, pools,
                new kvmsh.model.Adoption(false, adoptVms, adoptNetworks), placement, decl.project);
    }
}
