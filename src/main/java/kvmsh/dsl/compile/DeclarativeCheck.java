package kvmsh.dsl.compile;

import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;

/**
 * Tells whether a hook file is purely declarative: nothing but {@code network} and {@code hook}
 * statements whose arguments are literals. What such a file declares depends on its text alone
 * (not on arguments, environment, files or time), so kvmsh may keep the result and skip Groovy on
 * the next qemu call. Anything else (a variable, a loop, a method call, a GString with a value) is
 * not declarative, and the file is evaluated every time.
 */
public final class DeclarativeCheck {

    private static final Set<String> TOP = Set.of("network", "hook");
    /** Network settings whose values a hook file's result may hold (no PXE: it checks files). */
    private static final Set<String> NETWORK = Set.of("nat", "isolated", "routed", "bridge", "gateway", "dhcp",
            "host", "device", "stp", "delay", "autostart", "driver");

    private DeclarativeCheck() {
    }

    /** True when {@code source} parses and holds only literal network and hook declarations. */
    public static boolean isDeclarative(String source) {
        ModuleNode module;
        try {
            CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
            unit.addSource("hook.groovy", source);
            unit.compile(Phases.CONVERSION);
            module = unit.getAST().getModules().get(0);
        } catch (CompilationFailedException e) {
            return false;
        }
        // A script class plus nothing else: no methods, no classes of its own.
        if (module.getClasses().size() != 1 || !module.getMethods().isEmpty()) {
            return false;
        }
        return statements(module.getStatementBlock(), TOP);
    }

    private static boolean statements(BlockStatement block, Set<String> keywords) {
        for (Statement s : block.getStatements()) {
            if (!(s instanceof ExpressionStatement e) || !(e.getExpression() instanceof MethodCallExpression call)
                    || !call.isImplicitThis() || !keywords.contains(call.getMethodAsString())) {
                return false;
            }
            if (!arguments(call, keywords == TOP)) {
                return false;
            }
        }
        return true;
    }

    private static boolean arguments(MethodCallExpression call, boolean topLevel) {
        List<Expression> args = call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        for (Expression a : args) {
            if (topLevel && a instanceof MethodCallExpression inner && inner.isImplicitThis()
                    && inner.getMethod() instanceof ConstantExpression name && name.getValue() instanceof String
                    && inner.getArguments() instanceof ArgumentListExpression innerArgs
                    && innerArgs.getExpressions().size() == 1
                    && innerArgs.getExpression(0) instanceof ClosureExpression body) {
                // network 'lan' { … } as Groovy parses it: network(lan({ … }))
                if (!block(body)) {
                    return false;
                }
            } else if (topLevel && a instanceof ClosureExpression body) {
                if (!block(body)) {
                    return false;
                }
            } else if (!literal(a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean block(ClosureExpression body) {
        return body.getParameters() != null && body.getParameters().length == 0
                && body.getCode() instanceof BlockStatement b && statements(b, NETWORK);
    }

    private static boolean literal(Expression e) {
        if (e instanceof ConstantExpression) {
            return true;
        }
        if (e instanceof UnaryMinusExpression u) {
            return u.getExpression() instanceof ConstantExpression;
        }
        if (e instanceof RangeExpression r) {
            return literal(r.getFrom()) && literal(r.getTo());
        }
        if (e instanceof ListExpression l) {
            return l.getExpressions().stream().allMatch(DeclarativeCheck::literal);
        }
        if (e instanceof MapExpression m) {
            for (MapEntryExpression entry : m.getMapEntryExpressions()) {
                if (!literal(entry.getKeyExpression()) || !literal(entry.getValueExpression())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
