package kvmsh.dsl;

import groovy.lang.Binding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kvmsh.model.HostModel;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * One DSL session: a Binding that persists, and the declarations of every script or snippet
 * evaluated in it. {@link ScriptLoader} uses a session per file; a REPL keeps one and calls
 * {@link #eval} per snippet, then {@link #model} whenever it needs the current model.
 *
 * <p>Nothing here touches a host: running only collects declarations and operations.
 */
public final class DslSession {

    private final Declarations decl;
    private final ValidationEnv env;
    private final Binding binding = new Binding();
    private final CompiledScripts scripts = CompiledScripts.standard();
    private int evaluations;

    /**
     * @param baseDir relative paths in scripts resolve against it (the script's directory)
     * @param env     what validation may ask about the host
     * @param args    the script arguments, visible to scripts as {@code args}
     */
    public DslSession(Path baseDir, ValidationEnv env, List<String> args) {
        this.decl = new Declarations(baseDir);
        this.env = env;
        binding.setVariable("args", List.copyOf(args));
    }

    /** Variables the scripts of this session share (assignments without {@code def}, and {@code args}). */
    public Binding binding() {
        return binding;
    }

    /**
     * Compiles and runs one script or snippet in this session.
     *
     * @param fileName the name messages use for it (a path as the user gave it, or e.g. "repl:3")
     * @return its value and the non-fatal problems it caused
     * @throws DslException when it does not compile (with all syntax errors), or when its code
     *                      throws (located at the script's frame, plus the problems found before)
     */
    public Evaluation eval(String source, String fileName) {
        KvmshScript script;
        try {
            String name = className(fileName);
            Class<?> type = scripts.load(source, name, DslCompiler::configuration,
                    DslSession.class.getClassLoader());
            script = (KvmshScript) InvokerHelper.createScript(type, binding);
        } catch (MultipleCompilationErrorsException e) {
            throw new DslException(ErrorTranslator.compilation(e, fileName));
        }
        script.attach(decl, fileName);
        try {
            Object value = script.run();
            return new Evaluation(value, decl.problems.drain());
        } catch (Exception | AssertionError | StackOverflowError e) {
            // Groovy code may throw checked exceptions undeclared, and 'assert' throws an Error.
            List<Diagnostic> all = new ArrayList<>(decl.problems.drain());
            all.add(ErrorTranslator.runtime(e, script));
            throw new DslException(all);
        }
    }

    /**
     * The model of everything declared so far, validated.
     *
     * @param script the script's path as the user gave it (recorded as owner by the planner)
     * @throws DslException with every validation problem at once
     */
    public HostModel model(String script) {
        Problems problems = new Problems();
        HostModel model = new ModelBuilder(problems, env).build(script, decl);
        if (!problems.isEmpty()) {
            throw new DslException(problems.drain());
        }
        return model;
    }

    /**
     * The {@code hook} statements so far, checked against the declared networks: a hook that
     * brings a tap up must name a network this session declares (the down call needs only the
     * name: the host driver remembers what it made).
     *
     * @throws DslException with every problem at once
     */
    public java.util.List<HookDef> hooks() {
        Problems problems = new Problems();
        for (HookDef h : decl.hooks) {
            boolean declared = decl.networks.stream().anyMatch(n -> n.name.equals(h.network()));
            if (!declared && h.on() != HookDef.Direction.DOWN) {
                problems.add(h.origin(), "hook joins network '" + h.network() + "', which this script does not declare",
                        "add network '" + h.network() + "' { … } to this file");
            }
        }
        if (!problems.isEmpty()) {
            throw new DslException(problems.drain());
        }
        return java.util.List.copyOf(decl.hooks);
    }

    /** A JVM-legal class name per evaluation; messages use the file name, never this. */
    private String className(String fileName) {
        String base = Path.of(fileName.replaceAll("[^A-Za-z0-9._/-]", "_")).getFileName().toString();
        base = base.replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return "kvmsh_" + base + "_" + (++evaluations);
    }
}
