package kvmsh.dsl;

import kvmsh.model.Problem;

import java.util.ArrayList;
import java.util.List;
import kvmsh.model.Origin;

/**
 * Collects problems instead of stopping at the first one (like Spock's ErrorReporter), so a user
 * fixes a script in one round instead of one error per run.
 */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    void add(Origin origin, String problem, String fix) {
        found.add(new Problem(origin, problem, fix));
    }

    void addAll(List<Problem> diagnostics) {
        found.addAll(diagnostics);
    }

    /** How many were found so far: a check can tell whether an earlier one already spoke of its input. */
    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Everything collected so far, in the order found; empties the collector. */
    List<Problem> drain() {
        List<Problem> all = List.copyOf(found);
        found.clear();
        return all;
    }
}
