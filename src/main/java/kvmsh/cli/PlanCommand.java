package kvmsh.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import kvmsh.model.HostModel;
import kvmsh.plan.Plan;
import kvmsh.plan.PlanJson;

/** {@code kvmsh plan FILE}: print what {@code run} would do, change nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the steps that running FILE would carry out; change nothing (the dry run).")
final class PlanCommand extends ScriptCommand {

    @Mixin
    AdoptOption adoption = new AdoptOption();

    @Override
    boolean adopt() {
        return adoption.adopt;
    }

    /** With {@code --detailed-exitcode}: the plan has changes. */
    static final int CHANGES = 2;
    /** With {@code --detailed-exitcode}: any error (as terraform: 1, so that 2 means only changes). */
    static final int ERROR = 1;

    @Mixin
    PlanOutput output;

    @Option(names = "--detailed-exitcode",
            description = "exit 0 when nothing would change, 2 when something would, 1 on any error (as terraform)")
    boolean detailedExitcode;

    @Override
    public Integer call() {
        try {
            return output.json ? Jsons.problemsAsJson(this, "plan", super::call) : super.call();
        } catch (RuntimeException e) {
            int code = ExitCodes.of(e);
            if (detailedExitcode && code != ExitCodes.OK && code != ExitCodes.INTERNAL) {
                throw new KvmshException(ERROR, ExitCodes.message(e), e instanceof KvmshException ? e.getCause() : e);
            }
            throw e;
        }
    }

    @Override
    int work(Site site, HostModel model) {
        Plan plan = site.converge(model, false);
        if (output.json) {
            Map<String, Object> doc = PlanJson.withPlan(site.describe(PlanJson.document("plan", scriptName(), label)), plan);
            out().println(PlanJson.write(doc));
            out().flush();
            if (!plan.problems().isEmpty()) {
                // For people too, as without --json (the JSON above already has them).
                err().println(new ScriptErrors(plan.problems()).getMessage());
                err().flush();
                return detailedExitcode ? ERROR : ExitCodes.SCRIPT_ERRORS;
            }
        } else {
            refuseProblems(plan);
            out().println(site.heading(scriptName()));
            out().print(site.render(plan, output.colour()));
            out().flush();
        }
        return detailedExitcode && plan.changes() > 0 ? CHANGES : ExitCodes.OK;
    }
}
