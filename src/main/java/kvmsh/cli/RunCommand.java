package kvmsh.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import kvmsh.model.HostModel;
import kvmsh.plan.Plan;
import kvmsh.plan.PlanJson;

/** {@code kvmsh run FILE}: converge the host to FILE, then run its statements. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Converge the host to what FILE declares, then run FILE's statements in order.")
final class RunCommand extends ScriptCommand {

    @Override
    boolean changesHost() {
        return true;
    }

    @Option(names = "--verify", description = "after applying, plan again and fail unless nothing is left to change")
    boolean verify;

    @Option(names = {"-y", "--yes"}, description = "carry out steps that can lose data without asking (deleting a volume, powering off a VM, …)")
    boolean yes;

    @Mixin
    PlanOutput output;

    @Override
    public Integer call() {
        return output.json ? Jsons.problemsAsJson(this, "run", super::call) : super.call();
    }

    @Override
    PrintWriter progress() {
        return output.json ? err() : out();
    }

    @Mixin
    AdoptOption adoption = new AdoptOption();

    @Override
    boolean adopt() {
        return adoption.adopt;
    }

    @Override
    int work(Site site, HostModel model) {
        Plan plan = site.converge(model, false);
        refuseProblems(plan);
        if (plan.isEmpty()) {
            if (output.json) {
                printJson(site, plan, "unchanged", 0);
            } else {
                out().println(scriptName() + ": " + label + (site instanceof Hosts ? " already match." : " already matches.")
                        + " No changes.");
            }
            out().flush();
            return ExitCodes.OK;
        }
        if (!consented(plan, yes)) {
            if (output.json) {
                printJson(site, plan, "refused", 0);
            }
            return ExitCodes.CONSENT_MISSING;
        }
        plan.notes().forEach(n -> progress().println("  note: " + n));
        long start = System.nanoTime();
        int applied = apply(site, plan, "undone:");
        if (applied != ExitCodes.OK) {
            if (output.json) {
                printJson(site, plan, "failed", start);
            }
            return applied;
        }
        if (output.json) {
            printJson(site, plan, "applied", start);
        } else {
            out().printf("Applied %d change%s to %s in %.1f s.%n", plan.changes(), plan.changes() == 1 ? "" : "s",
                    label, (System.nanoTime() - start) / 1e9);
        }
        if (verify) {
            Plan again = site.converge(model.withoutOps(), true);
            if (again.changes() > 0) {
                err().println("kvmsh: verify: the host still differs after applying:");
                err().print(site.render(again, false));
                err().flush();
                return ExitCodes.APPLY_FAILED;
            }
            progress().println("Verified: planning again finds no changes.");
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** {@code run --json}: the plan and what became of it (status applied, failed, unchanged or refused). */
    private void printJson(Site site, Plan plan, String status, long start) {
        Map<String, Object> doc = PlanJson.withPlan(site.describe(PlanJson.document("run", scriptName(), label)), plan);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("done", List.copyOf(carriedOut));
        if (failure != null) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("step", failure.interrupted() ? "interrupted" : failure.failed().describe());
            failed.put("reason", failure.reason());
            result.put("failed", failed);
        } else {
            result.put("failed", null);
        }
        result.put("undone", failure == null ? List.of() : failure.undone());
        result.put("rollbackFailures", failure == null ? List.of() : failure.rollbackFailures());
        result.put("seconds", start == 0 ? 0.0 : Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        doc.put("result", result);
        out().println(PlanJson.write(doc));
        out().flush();
    }
}
