package kvmsh.dsl.compile;


import kvmsh.dsl.KvmshScript;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.PropertyNode;
import org.codehaus.groovy.ast.VariableScope;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.EmptyStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.IfStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Gives every DSL statement its line and column. Before each statement of the script (top level,
 * functions and closure bodies) it inserts {@code this.kvmsh$at(line, column)}; the keyword methods
 * read the last position recorded. Stack traces carry lines only, and {@code nat …; dhcp …} on
 * one line must point at two different columns.
 *
 * <p>The receiver is an explicit {@code this}: inside a closure that always means the script, so
 * the marker bypasses the block's {@code DELEGATE_ONLY} resolution instead of hitting the spec.
 */
public final class StatementLocator extends CompilationCustomizer {

    StatementLocator() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript()) {
            new Inserter(source).visitClass(classNode);
        }
    }

    private static final class Inserter extends ClassCodeVisitorSupport {

        private final SourceUnit source;

        Inserter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
            // No 'this' in static code; constructors must start with super()/this().
            if (!isConstructor && !node.isStatic()) {
                super.visitConstructorOrMethod(node, isConstructor);
            }
        }

        @Override
        public void visitField(FieldNode node) {
            // Field initializers are not statements; a static one has no 'this' to call.
        }

        @Override
        public void visitProperty(PropertyNode node) {
        }

        @Override
        public void visitBlockStatement(BlockStatement block) {
            super.visitBlockStatement(block);
            List<Statement> located = new ArrayList<>();
            for (Statement s : block.getStatements()) {
                if (!(s instanceof BlockStatement) && !(s instanceof EmptyStatement) && s.getLineNumber() > 0) {
                    located.add(marker(s));
                }
                located.add(s);
            }
            block.getStatements().clear();
            block.getStatements().addAll(located);
        }

        // Bodies written without braces (if (x) vm 'a' { }) are single statements: give them a block.

        @Override
        public void visitIfElse(IfStatement s) {
            s.setIfBlock(block(s.getIfBlock()));
            s.setElseBlock(block(s.getElseBlock()));
            super.visitIfElse(s);
        }

        @Override
        public void visitForLoop(ForStatement s) {
            s.setLoopBlock(block(s.getLoopBlock()));
            super.visitForLoop(s);
        }

        @Override
        public void visitWhileLoop(WhileStatement s) {
            s.setLoopBlock(block(s.getLoopBlock()));
            super.visitWhileLoop(s);
        }

        @Override
        public void visitDoWhileLoop(DoWhileStatement s) {
            s.setLoopBlock(block(s.getLoopBlock()));
            super.visitDoWhileLoop(s);
        }

        private static Statement block(Statement s) {
            if (s == null || s instanceof BlockStatement || s instanceof EmptyStatement) {
                return s;
            }
            BlockStatement b = new BlockStatement(new ArrayList<>(List.of(s)), new VariableScope());
            b.setSourcePosition(s);
            return b;
        }

        private static Statement marker(Statement s) {
            int line = s.getLineNumber();
            int column = s.getColumnNumber();
            if (s instanceof ExpressionStatement e && e.getExpression().getLineNumber() > 0) {
                line = e.getExpression().getLineNumber();
                column = e.getExpression().getColumnNumber();
            }
            MethodCallExpression at = new MethodCallExpression(new VariableExpression("this"), KvmshScript.AT,
                    new ArgumentListExpression(new ConstantExpression(line, true), new ConstantExpression(column, true)));
            at.setImplicitThis(false);
            at.setSourcePosition(s);
            ExpressionStatement marker = new ExpressionStatement(at);
            marker.setSourcePosition(s);
            return marker;
        }
    }
}
