package kvmsh.plan;

import java.util.Set;

/**
 * What a plan makes ready on a migration's target before the VM arrives there: the networks and
 * pools it defines or starts on that host. The checks made while planning take these as there
 * ({@link Hypervisor#migrationProblems(String, Hypervisor, MigrationOptions, PlannedOnTarget)}); the
 * migration itself checks the host again when it starts, and fails the step if one is missing then.
 *
 * @param networks networks the plan defines or starts on the target
 * @param pools    pools the plan creates or starts on the target
 */
public record PlannedOnTarget(Set<String> networks, Set<String> pools) {

    /** Nothing planned: the target is checked as it is. */
    public static final PlannedOnTarget NOTHING = new PlannedOnTarget(Set.of(), Set.of());

    public PlannedOnTarget {
        networks = Set.copyOf(networks);
        pools = Set.copyOf(pools);
    }
}
