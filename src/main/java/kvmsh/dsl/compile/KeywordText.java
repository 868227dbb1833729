package kvmsh.dsl.compile;



import kvmsh.dsl.CloudInitSpec;
import kvmsh.dsl.CustomizeSpec;
import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;
import kvmsh.dsl.NetworkSpec;
import kvmsh.dsl.PoolSpec;
import kvmsh.dsl.Text;
import kvmsh.dsl.VmSpec;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Hands keywords their interpolated arguments as text: in a call of a DSL keyword
 * ({@code vm "web$i" { … }}, {@code nic network: "net${n}"}), each GString argument — also inside
 * a map or list argument — becomes {@link Text#of}{@code ("…")}. Keywords take strings anyway, so
 * a script cannot tell the difference; what it saves is Groovy's first {@code GString.toString()}
 * (see {@link Text}). Other calls, and GStrings anywhere else, are left alone.
 */
final class KeywordText extends CompilationCustomizer {

    /** Every keyword name: top-level statements and the settings of every block. */
    static final Set<String> KEYWORDS = Stream.of(KvmshScript.class, NetworkSpec.class, VmSpec.class, PoolSpec.class,
                    CustomizeSpec.class, CloudInitSpec.class)
            .flatMap(c -> Keywords.of(c).keySet().stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final ClassNode TEXT = ClassHelper.make(Text.class);

    KeywordText() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        new ScriptRewriter(source) {
            @Override
            Expression rewrite(Expression expr) {
                Expression t = children(expr);
                if (t instanceof MethodCallExpression call && call.isImplicitThis()
                        && KEYWORDS.contains(call.getMethodAsString())
                        && call.getArguments() instanceof TupleExpression args) {
                    for (int i = 0; i < args.getExpressions().size(); i++) {
                        args.getExpressions().set(i, text(args.getExpression(i)));
                    }
                }
                return t;
            }
        }.visitClass(classNode);
    }

    /** {@code e} with its GStrings (also in maps and lists) turned into {@link Text#of} calls. */
    private static Expression text(Expression e) {
        if (e instanceof GStringExpression g) {
            StaticMethodCallExpression call = new StaticMethodCallExpression(TEXT, "of", new ArgumentListExpression(g));
            call.setSourcePosition(g);
            return call;
        }
        if (e instanceof MapExpression map) {
            var entries = map.getMapEntryExpressions();
            for (int i = 0; i < entries.size(); i++) {
                // A map entry's value has no setter: the entry is replaced.
                MapEntryExpression entry = entries.get(i);
                MapEntryExpression replaced = new MapEntryExpression(entry.getKeyExpression(), text(entry.getValueExpression()));
                replaced.setSourcePosition(entry);
                entries.set(i, replaced);
            }
            return map;
        }
        if (e instanceof TupleExpression tuple) {
            // Named arguments (nic network: "n$i") arrive as a tuple holding one map.
            tuple.getExpressions().replaceAll(KeywordText::text);
            return tuple;
        }
        if (e instanceof ListExpression list) {
            list.getExpressions().replaceAll(KeywordText::text);
            return list;
        }
        return e;
    }
}
