package kvmsh.dsl.compile;


import kvmsh.dsl.DslSyntaxException;
import kvmsh.dsl.Keyword;
import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;
import kvmsh.dsl.NetworkSpec;
import kvmsh.dsl.VmSpec;
import groovy.lang.Closure;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.Types;

/**
 * Rewrites the two DSL shapes plain Groovy gets wrong, at compile time, on the parsed AST:
 * <ul>
 *   <li>{@code network 'lan' { … }} parses as {@code network(lan({ … }))}, a call of a method named
 *       after the network (so {@code vm 'network' { }} would silently call {@code network}). It
 *       becomes {@code network('lan', { … })}.</li>
 *   <li>{@code dhcp '10.0.0.1'..'10.0.0.9'} parses as {@code dhcp(('10.0.0.1'..'10.0.0.9'))} and
 *       Groovy cannot build a range of such strings. It becomes {@code dhcp('10.0.0.1', '10.0.0.9')}.</li>
 * </ul>
 * Other ranges ({@code 1..10}) are left alone. The name-block shape with a keyword nobody knows
 * ({@code netwrok 'x' { }}) is a compile error suggesting the nearest block keyword.
 */
final class BlockShapeTransformer extends CompilationCustomizer {

    /** Set by the Groovy parser on a method name written as a string literal ({@code 'lan' {…}}). */
    private static final String IS_STRING = "_IS_STRING";

    /** Top-level keywords taking a name and a block: those whose last parameter is a Closure. */
    static final Set<String> BLOCK_KEYWORDS = Arrays.stream(KvmshScript.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Keyword.class))
            .filter(m -> m.getParameterCount() == 2 && m.getParameterTypes()[1] == Closure.class)
            .map(Method::getName)
            .collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new), Collections::unmodifiableSortedSet));

    /** Settings inside blocks ({@code memory}, {@code cpus}, {@code delay} …). */
    static final Set<String> SETTINGS = java.util.stream.Stream.of(VmSpec.class, NetworkSpec.class)
            .flatMap(c -> Keywords.of(c).keySet().stream())
            .collect(Collectors.toUnmodifiableSet());

    /** Functions defined by earlier REPL entries (closures in the session's binding). */
    private final Supplier<Set<String>> sessionFunctions;

    BlockShapeTransformer() {
        this(Set::of);
    }

    BlockShapeTransformer(Supplier<Set<String>> sessionFunctions) {
        super(CompilePhase.CONVERSION);
        this.sessionFunctions = sessionFunctions;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        // Functions the script defines may be called with the same shape: def web(name, body) {…}; web 'a' {…}
        Set<String> userMethods = classNode.getMethods().stream().map(MethodNode::getName).collect(Collectors.toSet());
        userMethods.addAll(sessionFunctions.get());
        new Rewriter(source, userMethods).visitClass(classNode);
    }

    private static final class Rewriter extends ScriptRewriter {

        private final Set<String> userMethods;

        Rewriter(SourceUnit source, Set<String> userMethods) {
            super(source);
            this.userMethods = userMethods;
        }

        @Override
        Expression rewrite(Expression expr) {
            if (expr instanceof BinaryExpression minus && negativeArgument(minus)) {
                // Matches: <setting> -<number>   e.g. memory -5 (Groovy reads it as memory - 5)
                // Map to:  <setting>(-<number>), so validation can say what is wrong with the value
                VariableExpression setting = (VariableExpression) minus.getLeftExpression();
                Number n = (Number) ((ConstantExpression) minus.getRightExpression()).getValue();
                Expression negative = positioned(new ConstantExpression(negate(n), true), minus.getRightExpression());
                MethodCallExpression call = new MethodCallExpression(VariableExpression.THIS_EXPRESSION,
                        setting.getName(), new ArgumentListExpression(negative));
                call.setImplicitThis(true);
                return positioned(call, minus);
            }
            Expression transformed = children(expr);
            if (transformed instanceof MethodCallExpression call && call.isImplicitThis()
                    && call.getMethodAsString() != null) {
                return rewriteCall(call);
            }
            return transformed;
        }

        /**
         * {@code memory -5}, spaced like a command with a negative argument (a space before the
         * minus, none after it), on a name that is a block setting.
         */
        private static boolean negativeArgument(BinaryExpression e) {
            if (e.getOperation().getType() != Types.MINUS
                    || !(e.getLeftExpression() instanceof VariableExpression v)
                    || !(e.getRightExpression() instanceof ConstantExpression c) || !(c.getValue() instanceof Number)
                    || !SETTINGS.contains(v.getName())) {
                return false;
            }
            int minusColumn = e.getOperation().getStartColumn();
            return e.getOperation().getStartLine() == v.getLastLineNumber()
                    && minusColumn > v.getLastColumnNumber() && c.getColumnNumber() == minusColumn + 1;
        }

        private static Number negate(Number n) {
            if (n instanceof Integer i) {
                return -i;
            }
            if (n instanceof Long l) {
                return -l;
            }
            if (n instanceof java.math.BigDecimal d) {
                return d.negate();
            }
            return -n.doubleValue();
        }

        private Expression rewriteCall(MethodCallExpression call) {
            String keyword = call.getMethodAsString();
            List<Expression> args = arguments(call);
            if (args.size() != 1) {
                return call;
            }
            // Matches: dhcp <from>..<to>   (parsed as dhcp((<from>..<to>)), any expressions as ends; dhcp6 alike)
            // Map to:  dhcp(<from>, <to>)
            if ((keyword.equals("dhcp") || keyword.equals("dhcp6")) && args.get(0) instanceof RangeExpression range) {
                if (range.isExclusiveLeft() || range.isExclusiveRight()) {
                    error("a DHCP range includes both ends", "write " + keyword + " 'start'..'end' without '<'", range);
                    return call;
                }
                return call(call, keyword, range.getFrom(), range.getTo());
            }
            if (!(args.get(0) instanceof MethodCallExpression inner)) {
                return call;
            }
            List<Expression> innerArgs = arguments(inner);
            if (innerArgs.size() != 1 || !(innerArgs.get(0) instanceof ClosureExpression body)) {
                return call;
            }
            boolean ours = BLOCK_KEYWORDS.contains(keyword);
            boolean known = ours || userMethods.contains(keyword);
            // Names that are expressions are taken only for our own keywords: for a user's function
            // 'twice id { 32 }' may well mean twice(id({ 32 })).
            if (!inner.isImplicitThis()) {
                return ours ? receiverShapes(call, keyword, inner, body) : call;
            }
            Expression name = inner.getMethod();
            boolean quoted = name instanceof GStringExpression || isStringLiteral(name);
            if (known && quoted) {
                // Matches: <keyword> <string> <closure>   e.g. vm 'web' { … }, vm "web$i" { … }
                // Map to:  <keyword>("<string>", <closure>)
                return call(call, keyword, name instanceof GStringExpression ? name
                        : positioned(new ConstantExpression(((ConstantExpression) name).getValue()), name), body);
            }
            if (ours && name instanceof ConstantExpression identifier) {
                // Matches: <keyword> <identifier> <closure>   e.g. def n = 'web'; vm n { … }
                // Map to:  <keyword>(<identifier>, <closure>)  (the variable's value is the name)
                return call(call, keyword, positioned(new VariableExpression(identifier.getText()), identifier), body);
            }
            if (quoted) {
                // Matches: <unknown> <string> <closure>   e.g. netwrok 'lan' { … }
                // Map to:  compile error with the nearest block keyword
                error("unknown block keyword '" + keyword + "'", Keywords.suggestion(keyword, BLOCK_KEYWORDS), call);
            }
            // Anything else (foo bar { }) is ordinary Groovy and stays as it is.
            return call;
        }

        private static Expression receiverShapes(MethodCallExpression call, String keyword, MethodCallExpression inner,
                                                 ClosureExpression body) {
            Expression receiver = inner.getObjectExpression();
            if (inner.getMethodAsString() == null) {
                return call;
            }
            if (inner.getMethodAsString().equals("call") && receiver instanceof BinaryExpression index
                    && index.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                // Matches: <keyword> <expr>[<index>] <closure>   e.g. vm names[0] { … }
                //          (parsed as keyword(names[0].call(<closure>)))
                // Map to:  <keyword>(<expr>[<index>], <closure>)
                return call(call, keyword, receiver, body);
            }
            if (!inner.isSafe() && !inner.isSpreadSafe()) {
                // Matches: <keyword> <expr>.<property> <closure>   e.g. vm cfg.name { … }
                //          (parsed as keyword(cfg.name(<closure>)))
                // Map to:  <keyword>(<expr>.<property>, <closure>)
                return call(call, keyword,
                        positioned(new PropertyExpression(receiver, inner.getMethodAsString()), inner), body);
            }
            return call;
        }

        private static boolean isStringLiteral(Expression e) {
            if (!(e instanceof ConstantExpression c) || !(c.getValue() instanceof String s)) {
                return false;
            }
            if (Boolean.TRUE.equals(c.getNodeMetaData(IS_STRING))) {
                return true;
            }
            // Fallback if the parser stops setting the marker: a quoted name spans more than its text.
            return c.getLineNumber() == c.getLastLineNumber()
                    && c.getLastColumnNumber() - c.getColumnNumber() > s.length();
        }

        private static List<Expression> arguments(MethodCallExpression call) {
            return call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        }

        private static MethodCallExpression call(MethodCallExpression original, String method, Expression... args) {
            MethodCallExpression call = new MethodCallExpression(original.getObjectExpression(), method,
                    new ArgumentListExpression(args));
            call.setImplicitThis(true);
            call.setSourcePosition(original);
            call.getMethod().setSourcePosition(original.getMethod());
            return call;
        }

        private static <T extends Expression> T positioned(T expr, Expression from) {
            expr.setSourcePosition(from);
            return expr;
        }

        private void error(String problem, String fix, Expression at) {
            getSourceUnit().getErrorCollector().addErrorAndContinue(
                    new SyntaxErrorMessage(new DslSyntaxException(problem, fix, at), getSourceUnit()));
        }
    }
}
