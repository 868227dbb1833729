package kvmsh.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kvmsh.model.Origin;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Common ground of the block specs ({@code network 'x' { … }}, {@code vm 'x' { … }}): each block
 * runs against a fresh spec with {@code DELEGATE_ONLY}, so a misspelled setting lands in
 * {@link #methodMissing} here and becomes a diagnostic naming the block, instead of quietly
 * resolving to a top-level statement of the same name.
 *
 * <p>A GroovyObject on purpose: a closure hands calls to its delegate through
 * {@code invokeMethod} only for GroovyObjects, and only that path reaches {@code methodMissing}.
 */
public abstract class BlockSpec extends GroovyObjectSupport {

    final String name;
    final Origin origin;
    final Declarations decl;
    /** The script whose code runs the block: it knows the statement being executed. */
    final KvmshScript script;

    BlockSpec(String name, Origin origin, Declarations decl, KvmshScript script) {
        this.name = name;
        this.origin = origin;
        this.decl = decl;
        this.script = script;
    }

    /** Block keyword for messages: "vm", "network". */
    abstract String blockName();

    /** Runs {@code body} against this spec; the one place a block's delegate is set up. */
    void run(Closure<?> body) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(this);
        c.setResolveStrategy(Closure.DELEGATE_ONLY);
        c.call(this);
    }

    /** Where the statement being executed is. */
    Origin here() {
        return script.here();
    }

    void problem(String problem, String fix) {
        decl.problems.add(here(), problem, fix);
    }

    /** Unknown setting or a setting called with arguments no overload takes. */
    public Object methodMissing(String method, Object args) {
        Object[] argv = args instanceof Object[] a ? a : new Object[] {args};
        // Functions the user wrote in the script stay callable inside blocks; the keywords
        // inherited from KvmshScript do not, which is the point of DELEGATE_ONLY.
        if (declaresOwnMethod(method)) {
            return InvokerHelper.invokeMethod(script, method, argv);
        }
        // Functions of earlier REPL entries live in the binding as closures.
        if (script.getBinding().hasVariable(method) && script.getBinding().getVariable(method) instanceof Closure<?> c) {
            return c.call(argv);
        }
        Optional<Keyword> k = Keywords.find(getClass(), method);
        if (k.isPresent()) {
            problem(method + " expects " + k.get().expects(), "e.g. " + k.get().example());
        } else {
            unknown(method);
        }
        return null;
    }

    /** A bare word inside a block: a script variable, or a setting without its value. */
    public Object propertyMissing(String property) {
        if (script.getBinding().hasVariable(property)) {
            return script.getBinding().getVariable(property);
        }
        Optional<Keyword> k = Keywords.find(getClass(), property);
        if (k.isPresent()) {
            problem(property + " needs a value", "e.g. " + k.get().example());
        } else {
            unknown(property);
        }
        return null;
    }

    private void unknown(String word) {
        if (Keywords.find(KvmshScript.class, word).isPresent()) {
            problem("'" + word + "' cannot be used inside a " + blockName() + " block",
                    "move it after the block");
            return;
        }
        Set<String> settings = Keywords.of(getClass()).keySet();
        problem("unknown " + blockName() + " setting '" + word + "'", Keywords.suggestion(word, settings));
    }

    private boolean declaresOwnMethod(String method) {
        Class<?> c = script.getClass();
        while (c != null && c != KvmshScript.class) {
            if (Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals)) {
                return true;
            }
            c = c.getSuperclass();
        }
        return false;
    }

    /** Checks named arguments against the ones a keyword takes; reports the others. */
    boolean knownOptions(String keyword, Map<?, ?> options, java.util.List<String> allowed) {
        boolean ok = true;
        for (Object key : options.keySet()) {
            String k = String.valueOf(key);
            if (!allowed.contains(k)) {
                problem("unknown " + keyword + " option '" + k + "'", Keywords.suggestion(k, allowed));
                ok = false;
            }
        }
        return ok;
    }

    static String str(Map<?, ?> options, String key) {
        Object v = options.get(key);
        return v == null ? null : v.toString();
    }
}
