package kvmsh.cli;

import java.util.function.Supplier;

import kvmsh.plan.PlanJson;

/** What {@code plan --json} and {@code run --json} share. */
final class Jsons {

    private Jsons() {
    }

    /**
     * Runs {@code command}; if the script has errors, prints them as a JSON document (and, for
     * people, on standard error as always) and ends with the same exit code.
     */
    static int problemsAsJson(ScriptCommand cmd, String name, Supplier<Integer> command) {
        try {
            return command.get();
        } catch (ScriptErrors e) {
            cmd.out().println(PlanJson.write(PlanJson.withProblems(
                    PlanJson.document(name, cmd.scriptName(), host(cmd)), e.problems())));
            cmd.out().flush();
            throw e;
        }
    }

    /** How the document names the host: the label once connected, else the URI the options choose. */
    static String host(ScriptCommand cmd) {
        return cmd.label != null ? cmd.label : Target.resolveUri(cmd.main.connect, System.getenv());
    }
}
