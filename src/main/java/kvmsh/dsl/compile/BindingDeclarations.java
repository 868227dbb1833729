package kvmsh.dsl.compile;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * REPL only: makes the variables and functions of one entry visible to the next. Each entry is a
 * script class of its own, so its local variables and methods die with it; the binding is what
 * entries share (this is what groovysh does too). Top-level statements only: a {@code def} inside
 * a loop, closure or function stays local.
 */
final class BindingDeclarations extends CompilationCustomizer {

    BindingDeclarations() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        MethodNode run = classNode.isScript() ? classNode.getMethod("run", Parameter.EMPTY_ARRAY) : null;
        if (run == null || !(run.getCode() instanceof BlockStatement body)) {
            return;
        }
        List<Statement> statements = body.getStatements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) instanceof ExpressionStatement s && s.getExpression() instanceof DeclarationExpression d
                    && d.getLeftExpression() instanceof VariableExpression v && d.getAnnotations().isEmpty()) {
                // Matches: def <name> = <value>   (also typed: int <name> = <value>; or without a value)
                // Map to:  <name> = <value>        (an undeclared name in a script is a binding variable)
                Expression value = d.getRightExpression() instanceof EmptyExpression
                        ? new ConstantExpression(null) : d.getRightExpression();
                statements.set(i, assignment(v.getName(), value, s));
            }
        }
        List<Statement> functions = new ArrayList<>();
        for (MethodNode m : new ArrayList<>(classNode.getMethods())) {
            if (m == run || m.getName().equals("main") || m.isStatic() || m.getLineNumber() <= 0
                    || !(m.getCode() instanceof BlockStatement)) {
                continue;
            }
            // Matches: def <name>(<params>) { <body> }
            // Map to:  <name> = { <params> -> <body> }   (KvmshScript.methodMissing calls binding closures)
            ClosureExpression closure = new ClosureExpression(
                    m.getParameters().length == 0 ? Parameter.EMPTY_ARRAY : m.getParameters(), m.getCode());
            closure.setSourcePosition(m);
            closure.setVariableScope(((BlockStatement) m.getCode()).getVariableScope());
            functions.add(assignment(m.getName(), closure, m.getCode()));
            classNode.removeMethod(m);
        }
        // Functions can be called before their definition in a script; keep it so.
        statements.addAll(0, functions);
    }

    private static Statement assignment(String name, Expression value, org.codehaus.groovy.ast.ASTNode at) {
        VariableExpression target = new VariableExpression(name);
        target.setSourcePosition(at);
        BinaryExpression assign = new BinaryExpression(target, Token.newSymbol(Types.ASSIGN, at.getLineNumber(),
                at.getColumnNumber()), value);
        assign.setSourcePosition(at);
        ExpressionStatement statement = new ExpressionStatement(assign);
        statement.setSourcePosition(at);
        return statement;
    }
}
