package kvmsh.cli;

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
import kvmsh.plan.Applier;
import kvmsh.plan.ApplyException;
import kvmsh.plan.HostState;
import kvmsh.plan.Hypervisor;
import kvmsh.plan.Plan;
import kvmsh.plan.Planner;
import kvmsh.plan.StepFailedException;

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

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: no such script: " + file);
        }
        // The script runs once; its declarations are then checked against whichever driver serves it.
        EvaluatedScript evaluated;
        try {
            evaluated = new ScriptLoader().evaluate(file, args);
        } catch (DslException e) {
            throw scriptErrors(e.diagnostics().stream().map(Object::toString).toList());
        }
        java.util.Optional<HostDriverRun> host = HostDriverRun.choose(evaluated,
                Target.resolveUri(main.connect, System.getenv()), System.getenv());
        if (host.isPresent()) {
            return hostDriver(host.get());
        }
        Target target = main.target();
        label = target.label();
        try (Hypervisor hv = connect(target)) {
            HostState before = hv.read();
            HostModel model = validate(evaluated, before);
            Planner planner = new Planner(hv.digester());
            return work(hv, planner, model, before);
        } catch (StepFailedException e) {
            throw new KvmshException(ExitCodes.HOST_UNREACHABLE, "kvmsh: " + e.getMessage(), e);
        }
    }

    /** The command's own part for a script the host network driver serves (no libvirt). */
    abstract int hostDriver(HostDriverRun host);

    /** The command's own part, once the script is loaded and the host read. */
    abstract int work(Hypervisor hv, Planner planner, HostModel model, HostState before);

    static Hypervisor connect(Target target) {
        return LibvirtHypervisor.connect(target.uri(), target.links());
    }

    HostModel validate(EvaluatedScript evaluated, HostState host) {
        ValidationEnv env = new ValidationEnv() {
            /** Built (or found in its cache) once per script, however many VMs boot it. */
            private java.util.Optional<kvmsh.dsl.TestGuest> guest;

            @Override
            public boolean networkExists(String name) {
                return host.networks().containsKey(name);
            }

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
            return new HostModel(file.toAbsolutePath().normalize().toString(), m.networks(), m.vms(), m.ops(), m.pools());
        } catch (DslException e) {
            throw scriptErrors(e.diagnostics().stream().map(Object::toString).toList());
        }
    }

    /** Prints the plan's problems, if any, and stops. */
    void refuseProblems(Plan plan, String host) {
        if (!plan.problems().isEmpty()) {
            throw scriptErrors(plan.problems().stream().map(Object::toString).toList());
        }
    }

    /**
     * Applies {@code plan}, printing each step; on failure prints what failed and what was undone.
     *
     * @param undoneHeading heading over the undo steps ("undone:" for run, "restored:" for down)
     * @return true when every step was carried out
     */
    boolean apply(Hypervisor hv, Plan plan, String undoneHeading) {
        if (parallel < 1) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: --parallel must be at least 1, not " + parallel);
        }
        try {
            new Applier(hv, line -> {
                out().println("  " + line);
                out().flush();
            }, line -> {
                out().println("    " + line);
                out().flush();
            }, parallel).apply(plan);
            return true;
        } catch (ApplyException e) {
            err().println("kvmsh: " + scriptName() + ": " + e.getMessage());
            e.alsoFailed().forEach(f -> err().println("also failed: " + f));
            if (e.undone().isEmpty()) {
                err().println("nothing had been changed before it.");
            } else {
                err().println(undoneHeading);
                e.undone().forEach(u -> err().println("  " + u));
            }
            e.rollbackFailures().forEach(f -> err().println("could not undo: " + f));
            err().flush();
            return false;
        }
    }

    private KvmshException scriptErrors(List<String> lines) {
        int n = lines.size();
        return new KvmshException(ExitCodes.SCRIPT_ERRORS, String.join("\n", lines) + "\n"
                + n + " error" + (n == 1 ? "" : "s") + "; nothing was changed.");
    }

    String scriptName() {
        return file.toString();
    }
}
