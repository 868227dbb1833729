package kvmsh.plan;

import kvmsh.model.Problem;

import kvmsh.model.Origin;

/**
 * A declaration the hypervisor's renderer cannot turn into XML (e.g. a {@code customize} XPath that
 * selects nothing), located in the script. The planner reports it as a {@link Problem}.
 */
public final class DeclarationException extends IllegalArgumentException {

    private final transient Origin origin;
    private final String problem;
    private final String fix;

    public DeclarationException(Origin origin, String problem, String fix) {
        super(origin + ": " + problem + " — " + fix);
        this.origin = origin;
        this.problem = problem;
        this.fix = fix;
    }

    public Problem toProblem() {
        return new Problem(origin, problem, fix);
    }
}
