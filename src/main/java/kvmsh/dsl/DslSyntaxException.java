package kvmsh.dsl;

import kvmsh.model.Problem;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.syntax.SyntaxException;

/** A compile-time DSL error raised by our transforms, keeping problem and fix apart for {@link Problem}. */
public final class DslSyntaxException extends SyntaxException {

    private final String problem;
    private final String fix;

    public DslSyntaxException(String problem, String fix, ASTNode at) {
        super(problem + " — " + fix, at);
        this.problem = problem;
        this.fix = fix;
    }

    String problem() {
        return problem;
    }

    String fix() {
        return fix;
    }
}
