package kvmsh.dsl;

import java.util.ArrayList;
import java.util.List;
import kvmsh.model.Origin;

/**
 * Collects problems instead of stopping at the first one (like Spock's ErrorReporter), so a user
 * fixes a script in one round instead of one error per run.
 */
final class Problems {

    private final List<Diagnostic> found = new ArrayList<>();

    void add(Origin origin, String problem, String fix) {
        found.add(new Diagnostic(origin, problem, fix));
    }

    void addAll(List<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Everything collected so far, in the order found; empties the collector. */
    List<Diagnostic> drain() {
        List<Diagnostic> all = List.copyOf(found);
        found.clear();
        return all;
    }
}
