package kvmsh.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import kvmsh.model.HostModel;
import kvmsh.plan.Plan;

/** {@code kvmsh down FILE}: remove exactly what FILE declares (and kvmsh manages), in reverse order. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove what FILE declares and kvmsh manages, in reverse order; nothing else.")
final class DownCommand extends ScriptCommand {

    @Override
    boolean changesHost() {
        return true;
    }

    @Option(names = {"-y", "--yes"}, description = "carry out steps that can lose data without asking (deleting a volume, powering off a VM, …)")
    boolean yes;

    @picocli.CommandLine.Mixin
    AdoptOption adoption = new AdoptOption();

    @Override
    boolean adopt() {
        return adoption.adopt;
    }

    @Override
    int work(Site site, HostModel model) {
        Plan plan = site.down(model);
        // A protected VM or disk: nothing at all is removed, not even with --yes.
        refuseProblems(plan);
        if (plan.isEmpty()) {
            plan.notes().forEach(n -> out().println("  note: " + n));
            out().println(scriptName() + ": nothing of it is on " + label + ".");
            out().flush();
            return ExitCodes.OK;
        }
        if (!consented(plan, yes)) {
            return ExitCodes.CONSENT_MISSING;
        }
        plan.notes().forEach(n -> out().println("  note: " + n));
        long start = System.nanoTime();
        int applied = apply(site, plan, "restored:");
        if (applied != ExitCodes.OK) {
            return applied;
        }
        out().printf("Removed %s from %s (%d steps) in %.1f s.%n", scriptName(), label, plan.changes(),
                (System.nanoTime() - start) / 1e9);
        out().flush();
        return ExitCodes.OK;
    }
}
