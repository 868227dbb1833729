package kvmsh.dsl;

import kvmsh.model.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script could not be compiled, run or validated. Carries every problem found, not just the
 * first; the message is the diagnostics one per line, without stack traces.
 */
public class DslException extends RuntimeException {

    private final transient List<Problem> diagnostics;

    public DslException(List<Problem> diagnostics) {
        this(distinct(diagnostics), true);
    }

    private DslException(List<Problem> distinct, boolean marker) {
        super(distinct.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.diagnostics = distinct;
    }

    /** A statement run several times (in a loop) reports the same problem once. */
    private static List<Problem> distinct(List<Problem> diagnostics) {
        return List.copyOf(new java.util.LinkedHashSet<>(diagnostics));
    }

    public List<Problem> diagnostics() {
        return diagnostics;
    }
}
