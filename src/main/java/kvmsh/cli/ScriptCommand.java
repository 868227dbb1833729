package kvmsh.cli;

import kvmsh.model.Problem;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import kvmsh.dsl.DslException;
import kvmsh.dsl.EvaluatedScript;
import kvmsh.dsl.ScriptLoader;
import kvmsh.dsl.ValidationEnv;
import kvmsh.libvirt.LibvirtHypervisor;
import kvmsh.model.HostModel;
import kvmsh.backend.DriverChoice;
import kvmsh.plan.Applier;
import kvmsh.plan.Backends;
import kvmsh.plan.ApplyException;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;

/** What run, plan and down share: a script file, its arguments, a connection, a plan. */
abstract class ScriptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .kvm script")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the script (its args variable)")
    List<String> args = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Applier.DEFAULT_PARALLEL,
            description = "apply at most N independent steps at once (default: ${DEFAULT-VALUE}; 1: one after the other, in plan order)")
    int parallel;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** How messages name the host: the URI, or "sandbox NAME". */
    String label;

    /** Where the command works, once connected. */
    Site site;

    /** Why the last {@link #apply} failed, or null. */
    ApplyException failure;

    /** Where this command's waits show (chosen in {@link #call}, once the output is known). */
    WaitsChoice waits;

    /** The step lines {@link #apply} printed, in the order the steps were carried out. */
    final List<String> carriedOut = java.util.Collections.synchronizedList(new ArrayList<>());

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        if (Files.isDirectory(file)) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: " + file + " is a directory, not a script — name a .kvm file");
        }
        if (!Files.isRegularFile(file)) {
            throw new KvmshException(ExitCodes.USAGE, Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? "kvmsh: " + file + " is not a regular file — name a .kvm script"
                    : "kvmsh: no such script: " + file + " — check the path");
        }
        // The script runs once; its declarations are then checked against whichever driver serves it.
        EvaluatedScript evaluated;
        try {
            evaluated = new ScriptLoader().boundedForScripts().evaluate(file, args);
        } catch (DslException e) {
            throw new ScriptErrors(e.diagnostics());
        }
        try (WaitsChoice w = WaitsChoice.of(progress(), progress() == out(), main.verbose, System.getenv(), "  ")) {
            waits = w;
            return connectAndWork(evaluated);
        }
    }

    /** Connects the script's host(s), checks the script against them and does the command's work. */
    private int connectAndWork(EvaluatedScript evaluated) {
        if (!evaluated.hypervisors().isEmpty()) {
            try (Hosts hosts = Hosts.connect(evaluated.hypervisors(), main.connect, progress(), waits.waits(), this::lock)) {
                label = hosts.label();
                HostModel model = validate(evaluated, hosts.union(), kvmsh.libvirt.HostLimits.unknown(), hosts.validationEnvs());
                site = hosts;
                return work(hosts, model);
            }
        }
        DriverChoice choice = DriverChoice.choose(evaluated, Target.resolveUri(main.connect, System.getenv()),
                System.getenv(), () -> {
                    Target target = main.target();
                    label = target.label();
                    return connect(target, waits.waits());
                });
        try (Backends hv = choice.backends();
             kvmsh.host.ApplyLock lock = lock(hv.lockKeys())) {
            label = label == null ? hv.uri() : label;
            HostState before = hv.read();
            HostModel model = choice.adapt(validate(evaluated, before, kvmsh.libvirt.HostLimits.of(hv), java.util.Map.of()));
            String uri = Target.resolveUri(main.connect, System.getenv());
            site = new OneHost(hv, choice, label, before, hv.find(LibvirtHypervisor.class)
                    .map(l -> GuestAccess.statements(uri, l, waits.waits())).orElse(null));
            return work(site, model);
        }
    }

    /** Whether this command changes the host (run, down): then it holds the host's lock from its read to its last step. */
    boolean changesHost() {
        return false;
    }

    /**
     * One apply at a time per host: the locks {@code keys} of every host the command may change, taken
     * before the hosts are read, so the plan is made against hosts no other kvmsh on this machine is changing.
     */
    private kvmsh.host.ApplyLock lock(List<String> keys) {
        if (!changesHost()) {
            return kvmsh.host.ApplyLock.none();
        }
        try {
            return kvmsh.host.ApplyLock.acquire(kvmsh.host.ApplyLock.directory(System.getenv()), keys,
                    "kvmsh " + spec.name() + " " + file.toAbsolutePath().normalize());
        } catch (kvmsh.host.ApplyLock.HeldException e) {
            throw new KvmshException(ExitCodes.HOST_BUSY, "kvmsh: " + scriptName() + ": " + e.key()
                    + " is being changed by another kvmsh (" + e.holder() + "); nothing was changed."
                    + " Run again when it is done.");
        }
    }

    /** {@code --adopt}: take every declared object that exists unmanaged under management. */
    boolean adopt() {
        return false;
    }

    /** The command's own part, once the script is loaded, its host(s) connected and read. */
    abstract int work(Site site, HostModel model);

    static Hypervisor connect(Target target, kvmsh.progress.Waits waits) {
        return LibvirtHypervisor.connect(target.uri(), target.links(), waits);
    }

    /** @param hypervisors each declared hypervisor's own answers (its limits, its VMs), by name; none for one host */
    HostModel validate(EvaluatedScript evaluated, HostState host, kvmsh.libvirt.HostLimits limits,
                       java.util.Map<String, kvmsh.libvirt.HostValidationEnv> hypervisors) {
        ValidationEnv env = new kvmsh.libvirt.HostValidationEnv(() -> host, () -> limits, hypervisors) {
            /** Built (or found in its cache) once per script, however many VMs boot it. */
            private java.util.Optional<kvmsh.dsl.TestGuest> guest;

            @Override
            public java.util.Optional<kvmsh.dsl.TestGuest> testGuest() {
                if (guest == null) {
                    guest = TestGuests.build(err());
                }
                return guest;
            }
        };
        try {
            HostModel m = evaluated.validate(env).model();
            // Ownership is recorded by absolute path, so ./site.kvm and site.kvm are the same script.
            m = m.withScript(file.toAbsolutePath().normalize().toString());
            return adopt() ? m.adoptingAll() : m;
        } catch (DslException e) {
            throw new ScriptErrors(e.diagnostics());
        }
    }

    /** Prints the plan's problems, if any, and stops. */
    void refuseProblems(Plan plan) {
        if (!plan.problems().isEmpty()) {
            throw new ScriptErrors(plan.problems());
        }
    }

    /**
     * Whether {@code plan} may run: it loses no data, or the user consented — {@code --yes}, or y
     * at the prompt on a terminal. Otherwise prints the plan and its data-losing steps and says
     * that nothing was changed; the caller then exits with {@link ExitCodes#CONSENT_MISSING}.
     */
    boolean consented(Plan plan, boolean yes) {
        List<String> lines = kvmsh.plan.Consent.lines(plan);
        if (lines.isEmpty() || yes) {
            return true;
        }
        progress().print(site == null ? plan.render() : site.render(plan, false));
        lines.forEach(l -> progress().println("  " + l));
        java.io.Console console = System.console();
        if (console != null) {
            progress().flush();
            if (kvmsh.plan.Consent.granted(console.readLine("%s", kvmsh.plan.Consent.question(plan)))) {
                return true;
            }
            out().println("Nothing was changed.");
            out().flush();
            return false;
        }
        out().flush();
        err().println("kvmsh: " + scriptName() + ": " + lines.size() + " step" + (lines.size() == 1 ? "" : "s")
                + " can lose data (marked !) and this is not a terminal to ask on; nothing was changed."
                + " Run again with --yes (-y) to carry them out.");
        err().flush();
        return false;
    }

    /**
     * Applies {@code plan}, printing each step; on failure prints what failed and what was undone.
     * SIGINT and SIGTERM during the apply cancel it: running steps finish and the run is undone.
     *
     * @param undoneHeading heading over the undo steps ("undone:" for run, "restored:" for down)
     * @return {@link ExitCodes#OK} when every step was carried out, {@link ExitCodes#APPLY_FAILED}
     *         when one failed, 130/143 when a signal interrupted the run
     */
    int apply(Site on, Plan plan, String undoneHeading) {
        if (parallel < 1) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: --parallel must be at least 1, not " + parallel);
        }
        // Through the waits: on a terminal a step's line goes above the live lines of steps still waiting.
        kvmsh.progress.Waits shown = waits.waits();
        Applier applier = new Applier(on::execute, line -> {
            carriedOut.add(line);
            shown.line(line);
        }, line -> shown.line("  " + line), parallel);
        try (Interruption signals = Interruption.cancelling(applier)) {
            try {
                applier.apply(plan);
                return ExitCodes.OK;
            } catch (ApplyException e) {
                failure = e;
                err().println("kvmsh: " + scriptName() + ": " + (e.interrupted() && signals.received() != null
                        ? "SIG" + signals.received() + ": " : "") + e.getMessage());
                e.report(undoneHeading).forEach(err()::println);
                on.afterFailure(e).forEach(err()::println);
                err().flush();
                return e.interrupted() && signals.received() != null ? signals.exitCode() : ExitCodes.APPLY_FAILED;
            }
        }
    }

    /** Where the steps being carried out are shown: standard output, unless that carries JSON. */
    PrintWriter progress() {
        return out();
    }

    String scriptName() {
        return file.toString();
    }
}
