package kvmsh.repl;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.codehaus.groovy.runtime.FormatHelper;

import kvmsh.model.Problem;
import kvmsh.dsl.DslException;
import kvmsh.dsl.DslSession;
import kvmsh.dsl.Evaluation;
import kvmsh.dsl.Values;
import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.model.HostModel;
import kvmsh.model.OpDef;
import kvmsh.plan.Action;
import kvmsh.plan.ApplyException;
import kvmsh.plan.Applier;
import kvmsh.plan.DomainState;
import kvmsh.plan.HostState;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;
import kvmsh.plan.HostUnreachableException;
import kvmsh.plan.StepFailedException;

/**
 * What a REPL keeps between entries: the DSL session (variables, functions, declared networks and
 * VMs), the connection to the hypervisor, and the output.
 *
 * <p>The rule for entries: <b>declarations</b> ({@code network 'x' { }}, {@code vm 'y' { }}) add to the
 * desired model, replacing an earlier one of the same name; {@code :plan} shows what converging would
 * change and {@code :apply} does it. <b>Statements</b> ({@code start}, {@code list()}, {@code leases} …) run
 * at once, through the same applier. An entry with an error changes nothing in the session.
 */
public final class ReplSession implements AutoCloseable {

    /** Connects to a URI; the CLI passes its own (taps, remote hosts), tests the plain libvirt one. */
    public interface Connector extends Function<String, LibvirtHypervisor> {
    }

    /** What piped entries are called in messages: {@code stdin:8:3} is line 8 of the input. */
    static final String STDIN = "stdin";

    /** The name of the connection a session starts with. */
    static final String FIRST = "main";

    private final ReplOutput out;
    private final Connector connector;
    private final DslSession dsl;
    private final String owner;
    private LibvirtHypervisor hv;
    /** Every connection the session holds ({@code :connect NAME URI}), the current one among them, by name. */
    private final java.util.Map<String, LibvirtHypervisor> connections = new java.util.LinkedHashMap<>();
    /** The name of the current connection: statements, {@code :plan} and {@code :apply} use it. */
    private String current = FIRST;
    private HostState cached;
    private long cachedAt;
    private int entries;
    private boolean quit;
    /** Asks the user a question on the terminal and returns the answer; null where nobody can answer. */
    private Function<String, String> asker = question -> null;

    /**
     * @param hv        the hypervisor to start with
     * @param connector how {@code :connect} reaches another URI
     * @param out       where results and errors go
     */
    public ReplSession(LibvirtHypervisor hv, Connector connector, ReplOutput out) {
        this.hv = hv;
        connections.put(FIRST, hv);
        this.connector = connector;
        this.out = out;
        this.dsl = DslSession.interactive(Path.of("").toAbsolutePath(), new kvmsh.libvirt.HostValidationEnv(this::host, () -> kvmsh.libvirt.HostLimits.of(hv)));
        // The owner recorded in libvirt metadata: unique per session, so applying in one REPL never
        // prunes what another REPL (or script) created.
        // The time alone is not unique: two sessions started in the same second would prune each other's objects.
        this.owner = "repl " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"))
                + " pid " + ProcessHandle.current().pid() + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    public ReplOutput out() {
        return out;
    }

    public LibvirtHypervisor hypervisor() {
        return hv;
    }

    /** The name objects applied from this session are recorded under. */
    public String owner() {
        return owner;
    }

    /** Lets {@link #ask} put questions to the user (the terminal REPL's line reader). */
    void askWith(Function<String, String> asker) {
        this.asker = asker;
    }

    /** The user's answer to {@code question}, or null when there is no terminal to ask on (batch input). */
    String ask(String question) {
        return asker.apply(question);
    }

    DslSession dsl() {
        return dsl;
    }

    boolean quitRequested() {
        return quit;
    }

    void requestQuit() {
        quit = true;
    }

    /** Runs one DSL entry (one or more statements). Returns false when it failed; nothing of it is kept then. */
    public boolean evaluate(String entry) {
        return evaluate(entry, 0);
    }

    /**
     * Runs one entry that began on line {@code inputLine} of piped input (messages say {@code stdin:8:3}),
     * or, with 0, one typed entry (messages say {@code repl#3:1:3}).
     */
    boolean evaluate(String entry, int inputLine) {
        ++entries;
        return inputLine > 0 ? evaluate(entry, STDIN, null, inputLine) : evaluate(entry, "repl#" + entries, null, 1);
    }

    /** Evaluates a file's text as one entry, relative paths against {@code baseDir}. */
    boolean evaluate(String source, String name, Path baseDir) {
        return evaluate(source, name, baseDir, 1);
    }

    private boolean evaluate(String source, String name, Path baseDir, int firstLine) {
        DslSession.Checkpoint mark = dsl.checkpoint();
        cached = null;
        try {
            Evaluation ev = baseDir == null ? dsl.eval(source, name, firstLine) : dsl.eval(source, name, baseDir);
            List<Problem> problems = new ArrayList<>(ev.problems());
            problems.addAll(validation(name, firstLine, firstLine + (int) source.lines().count() - 1));
            if (!problems.isEmpty()) {
                dsl.rollback(mark);
                problems.forEach(d -> out.error(d.toString()));
                return false;
            }
            List<String> declared = dsl.declaredSince(mark);
            List<OpDef> ops = dsl.takeOps();
            if (!declared.isEmpty()) {
                out.info("declared " + String.join(", ", declared) + " (:plan shows the changes, :apply makes them)");
            }
            boolean ok = ops.isEmpty() || runOps(ops);
            // The statements changed the host after validation read it: completion reads it again.
            cached = null;
            // A function definition's value is its closure: not worth printing.
            if (ev.value() != null && !(ev.value() instanceof groovy.lang.Closure<?>)) {
                out.println("=> " + FormatHelper.toString(ev.value()));
            }
            return ok;
        } catch (DslException e) {
            dsl.rollback(mark);
            for (Problem d : e.diagnostics()) {
                out.error(d.problem().contains("InterruptedException") ? d.origin() + ": interrupted" : d.toString());
            }
            return false;
        }
    }

    /** Problems of the whole model that point into this entry, lines {@code first} to {@code last} (older ones are shown by :plan). */
    private List<Problem> validation(String name, int first, int last) {
        try {
            dsl.model(owner);
            return List.of();
        } catch (DslException e) {
            return e.diagnostics().stream().filter(d -> d.origin().file().equals(name)
                    && (d.origin().line() <= 0 || d.origin().line() >= first && d.origin().line() <= last)).toList();
        }
    }

    /** Runs statements now, through the applier, printing what they show. */
    boolean runOps(List<OpDef> ops) {
        List<Action> steps = ops.stream().<Action>map(Action.RunOp::new).toList();
        try {
            // The statement was typed just now: show only what it shows, not a step line for it.
            new Applier(hv, step -> { }, out::println).apply(new Plan(steps, List.of(), List.of()));
            return true;
        } catch (ApplyException e) {
            // One located line, like a script error: "repl#3:1:1: no vm named 'x' on test:///default".
            out.error(e.failed() instanceof Action.RunOp r && r.op().origin().line() > 0
                    ? r.op().origin() + ": " + e.reason() + notApplied(r.op()) : e.reason());
            return false;
        }
    }

    /** For a statement on an object the session declares but has not applied: the hint to apply first. */
    private String notApplied(OpDef op) {
        if (op.target() == null) {
            return "";
        }
        boolean declared = dsl.declaredNames("vm").contains(op.target()) || dsl.declaredNames("network").contains(op.target());
        if (!declared) {
            return "";
        }
        try {
            HostState host = hv.read();
            if (host.domains().containsKey(op.target()) || host.networks().containsKey(op.target())) {
                return "";
            }
        } catch (StepFailedException | HostUnreachableException e) {
            return "";
        }
        return " — '" + op.target() + "' is declared in this session but not on the host yet: :apply first";
    }

    /**
     * What leaving now would lose: a line naming the declarations {@code :apply} has not carried out
     * (the plan has changes, or they do not validate), or null when nothing is pending.
     */
    String unapplied() {
        List<String> declared = dsl.declarations();
        if (declared.isEmpty()) {
            return null;
        }
        String what = String.join(", ", declared);
        try {
            HostModel m = dsl.model(owner);
            Plan p = m.placement().declared() ? null : new Planner(hv.digester()).converge(m, hv.read());
            if (p != null && p.changes() == 0 && p.problems().isEmpty()) {
                return null;
            }
            if (p != null && p.problems().isEmpty()) {
                what = p.changes() + (p.changes() == 1 ? " change" : " changes") + " for " + what;
            }
        } catch (DslException | StepFailedException | HostUnreachableException e) {
            // Declarations that do not validate (or a host that cannot be read) are still the user's work.
        }
        return "the session declares what :apply has not made (" + what + ") — :apply makes it, :save FILE keeps it;"
                + " Ctrl-D again leaves without it";
    }

    /** The host may have changed (a ':' command ran): the next completion reads it again. */
    void hostChanged() {
        cached = null;
    }

    /** Forgets the declarations and the variable named {@code name}; says what went. */
    List<String> forget(String name) {
        cached = null;
        return dsl.forget(name);
    }

    /** Forgets every declaration and variable: the session starts over on the same connections. */
    void reset() {
        cached = null;
        dsl.reset();
    }

    /** The current desired model, or null (with the problems printed) when it does not validate. */
    HostModel model() {
        try {
            HostModel m = dsl.model(owner);
            if (m.placement().declared()) {
                // The session plans against its current connection only: placing objects on hosts would be ignored.
                out.error(new Problem(m.placement().hypervisors().get(0).origin(),
                        "hypervisor declarations are for scripts: the REPL works on its current connection",
                        "run the script with kvmsh run, or hold connections here with :connect NAME URI").toString());
                return null;
            }
            return m;
        } catch (DslException e) {
            e.diagnostics().forEach(d -> out.error(d.toString()));
            return null;
        }
    }

    /**
     * What converging the host to the session's declarations would do, or empty (with the
     * problems printed) when they do not validate.
     */
    java.util.Optional<Plan> plan() {
        HostModel model = model();
        return model == null ? java.util.Optional.empty()
                : java.util.Optional.of(new Planner(hv.digester()).converge(model, hv.read()));
    }

    /** Connects the current connection to another hypervisor; the session's declarations stay. */
    void connect(String uri) {
        LibvirtHypervisor next = connector.apply(uri);
        LibvirtHypervisor previous = hv;
        hv = next;
        connections.put(current, next);
        cached = null;
        if (connections.size() > 1) {
            next.named(current);
        }
        previous.close();
    }

    /**
     * Opens a connection named {@code name} to {@code uri} (replacing one of that name) and makes it
     * the current one; the others stay open ({@code :hosts} lists them, {@code :list} lists them all).
     */
    void connect(String name, String uri) {
        LibvirtHypervisor next = connector.apply(uri);
        LibvirtHypervisor previous = connections.put(name, next);
        hv = next;
        current = name;
        cached = null;
        // Several hosts: list names each one's host in a HOST column.
        connections.forEach((n, h) -> h.named(n));
        if (previous != null) {
            previous.close();
        }
    }

    /** Makes the held connection {@code name} the current one; false when there is none of that name. */
    boolean use(String name) {
        LibvirtHypervisor h = connections.get(name);
        if (h == null) {
            return false;
        }
        hv = h;
        current = name;
        cached = null;
        return true;
    }

    /** The connections held, name to URI, in the order they were opened. */
    java.util.Map<String, String> hosts() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        connections.forEach((n, h) -> out.put(n, h.uri()));
        return out;
    }

    /** The name of the current connection. */
    String currentHost() {
        return current;
    }

    /** The VMs and networks of every connection held, each table with its HOST column. */
    void listEveryHost() {
        for (LibvirtHypervisor h : connections.values()) {
            try {
                h.list().stripTrailing().lines().forEach(out::println);
            } catch (StepFailedException e) {
                out.error(e.getMessage());
            }
        }
    }

    /** Live names of the given kind, plus those declared in the session where they count (for completion). */
    Set<String> names(Values.Kind kind) {
        Set<String> out = new TreeSet<>();
        try {
            HostState host = host();
            switch (kind) {
                case VM -> out.addAll(host.domains().keySet());
                case STOPPED_VM -> host.domains().values().stream().filter(d -> !d.running()).forEach(d -> out.add(d.name()));
                case RUNNING_VM -> host.domains().values().stream().filter(DomainState::running).forEach(d -> out.add(d.name()));
                case NETWORK -> out.addAll(host.networks().keySet());
                case POOL -> out.addAll(host.pools());
                case VOLUME -> host.volumes().forEach(v -> out.add(v.substring(v.indexOf('/') + 1)));
                // Links to move or unplug: not the bridges they plug into, not loopback.
                case TAP -> host.links().keySet().stream()
                        .filter(l -> !l.equals("lo") && !host.links().containsValue(l)).forEach(out::add);
                case NEW_TAP -> out.add(freeTap(host.links().keySet()));
                case OS -> kvmsh.osinfo.OsInfoDb.system().ifPresent(db -> out.addAll(db.shortIds()));
                default -> { }
            }
        } catch (StepFailedException | HostUnreachableException e) {
            // Completion must never fail; without the host there are just fewer names.
            if (kind == Values.Kind.NEW_TAP) {
                out.add(freeTap(Set.of()));
            }
        }
        switch (kind) {
            // A declared VM is not on the host yet: start and shutdown cannot take it before :apply.
            case VM -> out.addAll(dsl.declaredNames("vm"));
            case NETWORK -> out.addAll(dsl.declaredNames("network"));
            case POOL -> out.addAll(dsl.declaredNames("pool"));
            default -> { }
        }
        return out;
    }

    /** The first {@code vnetN} that neither the host's links nor the session's NICs use. */
    private String freeTap(Set<String> links) {
        Set<String> used = new java.util.HashSet<>(links);
        used.addAll(dsl.declaredTaps());
        int n = 0;
        while (used.contains("vnet" + n)) {
            n++;
        }
        return "vnet" + n;
    }

    /** The value of the session variable {@code name}, if there is one (for completing its methods). */
    java.util.Optional<Object> variable(String name) {
        return variables().contains(name) ? java.util.Optional.ofNullable(dsl.binding().getVariable(name))
                : java.util.Optional.empty();
    }

    /** Variables and functions of the session (binding names), for completion. */
    Set<String> variables() {
        Set<String> out = new TreeSet<>();
        for (Object k : dsl.binding().getVariables().keySet()) {
            out.add(k.toString());
        }
        out.remove("args");
        return out;
    }

    /** A snapshot of the host, re-read at most every two seconds (Tab must stay quick). */
    private HostState host() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > 2_000_000_000L) {
            cached = hv.read();
            cachedAt = now;
        }
        return cached;
    }

    HostQueries queries() {
        return new HostQueries(hv.connection());
    }

    @Override
    public void close() {
        connections.values().forEach(LibvirtHypervisor::close);
    }
}
