package kvmsh.model;

import java.util.Set;

/**
 * Which declared objects that exist on the host without kvmsh's metadata the script takes under
 * management (adopts) instead of refusing them: every one ({@code plan --adopt}, {@code run --adopt}),
 * or those whose block says {@code adopt true}. Adopting writes kvmsh's ownership metadata only.
 *
 * @param all      every declared VM and network ({@code --adopt})
 * @param vms      VMs declared with {@code adopt true}
 * @param networks networks declared with {@code adopt true}
 */
public record Adoption(boolean all, Set<String> vms, Set<String> networks) {

    /** Nothing is adopted: an unmanaged object of a declared name is refused. */
    public static final Adoption NONE = new Adoption(false, Set.of(), Set.of());

    public Adoption {
        vms = Set.copyOf(vms);
        networks = Set.copyOf(networks);
    }

    public boolean vm(String name) {
        return all || vms.contains(name);
    }

    public boolean network(String name) {
        return all || networks.contains(name);
    }

    /** This adoption, and every declared object besides ({@code --adopt}). */
    public Adoption everything() {
        return new Adoption(true, vms, networks);
    }
}
