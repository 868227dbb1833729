package kvmsh.dsl.compile;


import kvmsh.dsl.DslSyntaxException;
import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/**
 * Refuses, at compile time, a script that would end the JVM: {@code System.exit(…)},
 * {@code Runtime.getRuntime().exit(…)} / {@code .halt(…)} (also as {@code Runtime.runtime.halt},
 * a static import or a method pointer {@code System.&exit}). kvmsh evaluates a script before it
 * plans; ending the process there would exit with the script's code and say nothing, and in a
 * hook would end qemu's call without an answer. A compile-time check costs nothing at run time
 * (a SecurityManager, deprecated in Java 17, would).
 *
 * <p>What it does not catch: a call it cannot see in the source, such as reflection, a receiver held
 * in a variable ({@code def s = System; s.exit(0)}), or code compiled at run time
 * ({@code evaluate('…')}, {@code new GroovyShell()}).
 */
final class ExitCheck extends CompilationCustomizer {

    private static final Set<String> EXITS = Set.of("exit", "halt");

    ExitCheck() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (EXITS.contains(call.getMethodAsString()) && endsJvm(call.getObjectExpression())) {
                    refuse(source, call);
                }
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                if (EXITS.contains(call.getMethod()) && isJvmClass(call.getOwnerType())) {
                    refuse(source, call);
                }
                super.visitStaticMethodCallExpression(call);
            }

            @Override
            public void visitMethodPointerExpression(MethodPointerExpression pointer) {
                if (EXITS.contains(pointer.getMethodName().getText()) && endsJvm(pointer.getExpression())) {
                    refuse(source, pointer);
                }
                super.visitMethodPointerExpression(pointer);
            }
        }.visitClass(classNode);
    }

    /** {@code System}, {@code Runtime}, {@code Runtime.getRuntime()} or {@code Runtime.runtime}. */
    private static boolean endsJvm(Expression receiver) {
        if (receiver instanceof ClassExpression c) {
            return isJvmClass(c.getType());
        }
        if (receiver instanceof MethodCallExpression m && m.getMethodAsString() != null
                && m.getMethodAsString().equals("getRuntime")) {
            return endsJvm(m.getObjectExpression());
        }
        if (receiver instanceof PropertyExpression p && "runtime".equals(p.getPropertyAsString())) {
            return endsJvm(p.getObjectExpression());
        }
        return false;
    }

    private static boolean isJvmClass(ClassNode type) {
        String name = type.getName();
        return name.equals("java.lang.System") || name.equals("java.lang.Runtime");
    }

    private static void refuse(SourceUnit source, ASTNode at) {
        source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(new DslSyntaxException(
                "a script may not end kvmsh (System.exit, Runtime.exit or halt): nothing would be checked, "
                        + "applied or undone",
                "stop the script with throw new Exception('why') or assert, which kvmsh reports", at), source));
    }
}
