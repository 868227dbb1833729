package kvmsh.model;

/**
 * Something wrong with a script, found before anything on a host changes (by the DSL while it
 * loads the script, or by the planner against the host), printed like compiler output:
 * {@code file:line:col: problem — fix}.
 *
 * @param origin  where the offending statement is
 * @param problem what is wrong
 * @param fix     how to fix it, or null when there is nothing useful to suggest
 */
public record Problem(Origin origin, String problem, String fix) {

    @Override
    public String toString() {
        return origin + ": " + problem + (fix == null || fix.isEmpty() ? "" : " — " + fix);
    }
}
