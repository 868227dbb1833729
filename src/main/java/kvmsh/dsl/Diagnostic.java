package kvmsh.dsl;

import kvmsh.model.Origin;

/**
 * One problem found in a script, printed like compiler output: {@code file:line:col: problem — fix}.
 *
 * @param origin  where the offending statement is
 * @param problem what is wrong
 * @param fix     how to fix it, or null when there is nothing useful to suggest
 */
public record Diagnostic(Origin origin, String problem, String fix) {

    @Override
    public String toString() {
        return origin + ": " + problem + (fix == null || fix.isEmpty() ? "" : " — " + fix);
    }
}
