package kvmsh.dsl;


import kvmsh.dsl.compile.CompiledScripts;
import kvmsh.dsl.compile.DslCompiler;
import kvmsh.dsl.compile.EvalWatchdog;
import kvmsh.model.Problem;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kvmsh.model.HostModel;
import kvmsh.model.OpDef;
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
    /** The REPL's compiler: it sees the functions earlier entries defined. */
    private final GroovyShell shell;
    /** Scripts run from files are compiled once and cached by content (hooks start fast). */
    private final CompiledScripts scripts;
    private final boolean interactive;
    private int evaluations;
    /** How long a script's code may run when evaluated (null: unbounded, a REPL has Ctrl-C). */
    private java.time.Duration evalLimit;

    /**
     * @param baseDir relative paths in scripts resolve against it (the script's directory)
     * @param env     what validation may ask about the host
     * @param args    the script arguments, visible to scripts as {@code args}
     */
    public DslSession(Path baseDir, ValidationEnv env, List<String> args) {
        this(baseDir, env, args, false);
    }

    private DslSession(Path baseDir, ValidationEnv env, List<String> args, boolean interactive) {
        this.decl = new Declarations(baseDir, interactive);
        this.env = env;
        binding.setVariable("args", List.copyOf(args));
        this.interactive = interactive;
        this.shell = interactive
                ? new GroovyShell(DslSession.class.getClassLoader(), binding,
                        DslCompiler.configuration(true, this::functionNames))
                : null;
        this.scripts = interactive ? null : CompiledScripts.standard();
    }

    /**
     * A session for a REPL, where a user iterates: declaring a network or VM again replaces the
     * earlier declaration (a script would get "declared twice"); top-level {@code def} variables and
     * functions persist between entries; a thread interrupt (Ctrl-C) stops loops and closures.
     */
    public static DslSession interactive(Path baseDir, ValidationEnv env) {
        return new DslSession(baseDir, env, List.of(), true);
    }

    /** Bounds each evaluation's run time with {@link EvalWatchdog}. */
    void limitEvaluation(java.time.Duration limit) {
        this.evalLimit = limit;
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
        return eval(source, fileName, 1);
    }

    /**
     * Like {@link #eval(String, String)} for text that starts on line {@code firstLine} of its input
     * (a piped REPL's entries, all named after stdin): every location counts the input's lines.
     */
    public Evaluation eval(String source, String fileName, int firstLine) {
        return evalAt(source, fileName, firstLine - 1);
    }

    /** The compiler counts from the entry's first line; its locations move by the input's lines before it. */
    private static List<Problem> shifted(List<Problem> problems, String fileName, int offset) {
        if (offset == 0) {
            return problems;
        }
        return problems.stream().map(p -> !p.origin().file().equals(fileName) || p.origin().line() <= 0 ? p
                : new Problem(new kvmsh.model.Origin(fileName, p.origin().line() + offset, p.origin().column()),
                        p.problem(), p.fix())).toList();
    }

    private Evaluation evalAt(String source, String fileName, int offset) {
        KvmshScript script;
        try {
            if (interactive) {
                Script parsed = shell.parse(new GroovyCodeSource(source, className(fileName) + ".groovy", "/groovy/shell"));
                script = (KvmshScript) parsed;
            } else {
                Class<?> type = scripts.load(source, className(fileName), DslCompiler::configuration,
                        DslSession.class.getClassLoader());
                script = (KvmshScript) InvokerHelper.createScript(type, binding);
            }
        } catch (MultipleCompilationErrorsException e) {
            throw new DslException(shifted(ErrorTranslator.compilation(e, fileName, source), fileName, offset));
        }
        script.attach(decl, fileName, offset);
        EvalWatchdog watchdog = evalLimit == null ? null : EvalWatchdog.start(evalLimit);
        try {
            Object value = script.run();
            if (watchdog != null && watchdog.fired()) {
                // It swallowed the interrupts and finished late: still over the limit.
                throw new DslException(List.of(watchdog.timeout(script.here())));
            }
            return new Evaluation(value, decl.problems.drain());
        } catch (Exception | AssertionError | StackOverflowError e) {
            if (e instanceof DslException d) {
                throw d;
            }
            // Groovy code may throw checked exceptions undeclared, and 'assert' throws an Error.
            List<Problem> all = new ArrayList<>(decl.problems.drain());
            Problem located = ErrorTranslator.runtime(e, script);
            all.add(watchdog != null && watchdog.fired() ? watchdog.timeout(located.origin()) : located);
            throw new DslException(all);
        } finally {
            if (watchdog != null) {
                watchdog.stop();
            }
        }
    }

    /**
     * The model of everything declared so far, validated.
     *
     * @param script the script's path as the user gave it (recorded as owner by the planner)
     * @throws DslException with every validation problem at once
     */
    public HostModel model(String script) {
        return model(script, env);
    }

    /**
     * Like {@link #model(String)}, validated against {@code host} instead of the session's own
     * environment: one evaluation of a script can be checked against two candidate hosts.
     */
    public HostModel model(String script, ValidationEnv host) {
        Problems problems = new Problems();
        HostModel model = new ModelBuilder(problems, host).build(script, decl);
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
    /**
     * The {@code hypervisor} declarations as written (unchecked: {@link #model} checks them), so the
     * command line knows which hosts to read before it validates against them.
     */
    public List<kvmsh.model.HypervisorDef> hypervisors() {
        return List.copyOf(decl.hypervisors);
    }

    public List<HookDef> hooks() {
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
        return List.copyOf(decl.hooks);
    }

    /**
     * Like {@link #eval(String, String)}, with relative paths resolved against {@code baseDir}
     * (a REPL loading a script from another directory).
     */
    public Evaluation eval(String source, String fileName, Path baseDir) {
        Path before = decl.baseDir;
        decl.baseDir = baseDir.toAbsolutePath().normalize();
        try {
            return eval(source, fileName);
        } finally {
            decl.baseDir = before;
        }
    }

    /**
     * The imperative statements evaluated since the last call, removed from the session: a REPL
     * runs them once, right away, instead of keeping them in the model it converges.
     */
    public List<OpDef> takeOps() {
        List<OpDef> taken = List.copyOf(decl.ops);
        decl.ops.clear();
        return taken;
    }

    /** Where the session is now; {@link #rollback} returns to it (a REPL undoes a failed entry). */
    public Checkpoint checkpoint() {
        return new Checkpoint(decl.snapshot());
    }

    /** Forgets every declaration and statement made since {@code checkpoint}; variables stay. */
    public void rollback(Checkpoint checkpoint) {
        decl.restore(checkpoint.snapshot);
    }

    /** What was declared (or declared again) since {@code checkpoint}, e.g. {@code ["vm 'web'"]}. */
    public List<String> declaredSince(Checkpoint checkpoint) {
        List<String> out = new ArrayList<>();
        decl.networks.stream().filter(n -> !checkpoint.snapshot.networks().contains(n))
                .forEach(n -> out.add("network '" + n.name + "'"));
        decl.vms.stream().filter(v -> !checkpoint.snapshot.vms().contains(v))
                .forEach(v -> out.add("vm '" + v.name + "'"));
        decl.pools.stream().filter(p -> !checkpoint.snapshot.pools().contains(p))
                .forEach(p -> out.add("pool '" + p.name + "'"));
        return out;
    }

    /** Names declared so far: networks, VMs and pools (for completion), in declaration order. */
    public List<String> declaredNames(String block) {
        return switch (block) {
            case "network" -> decl.networks.stream().map(n -> n.name).toList();
            case "vm" -> decl.vms.stream().map(v -> v.name).toList();
            case "pool" -> decl.pools.stream().map(p -> p.name).toList();
            default -> List.of();
        };
    }

    /** Every network, pool and VM declared so far, as {@code "vm 'web'"} (a REPL's {@code :show}). */
    public List<String> declarations() {
        return decl.described();
    }

    /**
     * Forgets the declarations named {@code name} and a session variable or function of that name;
     * says what went ({@code "vm 'web'"}, {@code "variable size"}), nothing when there was none.
     */
    public List<String> forget(String name) {
        List<String> gone = new ArrayList<>(decl.forget(name));
        if (!name.equals("args") && binding.getVariables().containsKey(name)) {
            boolean function = binding.getVariable(name) instanceof Closure<?>;
            binding.getVariables().remove(name);
            gone.add((function ? "function " : "variable ") + name);
        }
        return gone;
    }

    /** Forgets every declaration, statement, variable and function: the session starts over (its hosts stay). */
    public void reset() {
        decl.restore(new Declarations.Snapshot(List.of(), List.of(), List.of(), List.of()));
        decl.project = null;
        decl.projectAt = null;
        Object args = binding.getVariable("args");
        binding.getVariables().clear();
        binding.setVariable("args", args);
    }

    /** The tap names the declared VMs give their NICs (completion offers a tap name none of them uses). */
    public List<String> declaredTaps() {
        return decl.vms.stream().flatMap(v -> v.nics.stream()).map(kvmsh.model.NicDef::tap)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** A position in a session's declarations; opaque to callers. */
    public static final class Checkpoint {
        private final Declarations.Snapshot snapshot;

        private Checkpoint(Declarations.Snapshot snapshot) {
            this.snapshot = snapshot;
        }
    }

    /** Functions earlier entries defined: closures in the binding. */
    private Set<String> functionNames() {
        Set<String> names = new HashSet<>();
        binding.getVariables().forEach((k, v) -> {
            if (v instanceof Closure<?>) {
                names.add(k.toString());
            }
        });
        return names;
    }

    /** A JVM-legal class name per evaluation; messages use the file name, never this. */
    private String className(String fileName) {
        String base = Path.of(fileName.replaceAll("[^A-Za-z0-9._/-]", "_")).getFileName().toString();
        base = base.replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return "kvmsh_" + base + "_" + (++evaluations);
    }
}
