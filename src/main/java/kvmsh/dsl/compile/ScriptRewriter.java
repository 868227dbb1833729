package kvmsh.dsl.compile;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Base of kvmsh's AST rewrites of a script: every expression, closure bodies included — a
 * closure's {@code transformExpression()} does not descend into its body, and DSL blocks live there.
 */
public abstract class ScriptRewriter extends ClassCodeExpressionTransformer {

    private final SourceUnit source;

    ScriptRewriter(SourceUnit source) {
        this.source = source;
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    @Override
    public final Expression transform(Expression expr) {
        if (expr instanceof ClosureExpression closure) {
            visitClosureExpression(closure);
            return closure;
        }
        return rewrite(expr);
    }

    /** Rewrites {@code expr}, which is no closure; {@link #children} transforms its parts first. */
    abstract Expression rewrite(Expression expr);

    /** {@code expr} with its sub-expressions transformed. */
    final Expression children(Expression expr) {
        return expr == null ? null : expr.transformExpression(this);
    }
}
