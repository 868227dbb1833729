package kvmsh.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyInterceptable;
import groovy.lang.GroovyObjectSupport;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
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
public abstract class BlockSpec extends GroovyObjectSupport implements GroovyInterceptable {

    final String name;
    final Origin origin;
    final Declarations decl;
    /** The script whose code runs the block: it knows the statement being executed. */
    final KvmshScript script;

    /** The hypervisors of {@code on 'a', 'b'}, where the block said so; null when it did not. */
    Located<java.util.List<String>> placedOn;
    /** Whether the block said {@code on} at all (a bad one is reported where it is, not as missing). */
    boolean onGiven;

    /** Where each setting that holds one value was first given in this block ("declared twice"). */
    private final Map<String, Origin> given = new HashMap<>();

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

    /**
     * Every call a block's body makes lands here first (the spec is {@link GroovyInterceptable}): the one
     * place where any setting, whoever adds it, is checked for a null argument and for being given twice
     * when it holds one value ({@link Keyword#repeatable}). Then the call goes on as Groovy would make it.
     */
    @Override
    public Object invokeMethod(String method, Object args) {
        Keyword k = Keywords.of(getClass()).get(method);
        if (k != null) {
            Object[] argv = args instanceof Object[] a ? a : new Object[] {args};
            if (argv.length == 0 && Arrays.stream(getClass().getMethods())
                    .noneMatch(m -> m.getName().equals(method) && m.getParameterCount() == 0)) {
                // Groovy would call a one-parameter overload with null.
                problem(method + " expects " + k.expects(), "e.g. " + k.example());
                return null;
            }
            for (Object a : argv) {
                if (a == null) {
                    problem(method + " got null where a value goes", "e.g. " + k.example());
                    return null;
                }
            }
            if (!k.repeatable()) {
                Origin first = given.putIfAbsent(method, here());
                if (first != null && first.equals(here())) {
                    problem(blockName() + " setting '" + method + "' is given again each time this line runs",
                            "set it once, outside the loop");
                    return null;
                } else if (first != null) {
                    problem(blockName() + " setting '" + method + "' is declared twice (first at " + first + ")",
                            "keep one " + method + " line; a later one would silently replace the first");
                    return null;
                }
            }
        }
        return getMetaClass().invokeMethod(this, method, args);
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

    /** Records {@code on NAME…}; each name once. Whether they are declared is checked with the model. */
    void placeOn(String... hosts) {
        onGiven = true;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String h : hosts) {
            if (!seen.add(h)) {
                problem(blockName() + " " + name + " names hypervisor '" + h + "' twice in on", "name each host once");
                return;
            }
        }
        placedOn = new Located<>(java.util.List.of(hosts), here());
    }

    static String str(Map<?, ?> options, String key) {
        Object v = options.get(key);
        return v == null ? null : v.toString();
    }
}
