package kvmsh.dsl;

import kvmsh.model.Problem;

import java.util.List;

/**
 * The outcome of running one script or snippet that did not fail outright.
 *
 * @param value    the value of its last statement (a REPL prints it)
 * @param problems what was wrong but did not stop it: unknown settings, arguments of the wrong type …
 */
public record Evaluation(Object value, List<Problem> problems) {

    public Evaluation {
        problems = List.copyOf(problems);
    }
}
