package kvmsh.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import kvmsh.dsl.save.ScriptWriter;
import kvmsh.libvirt.HostImport;
import kvmsh.libvirt.LibvirtHypervisor;

/** {@code kvmsh import [NAME…] [-o FILE]}: the host's networks, VMs and pools as a .kvm script. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Write the host's networks, VMs and storage pools as a .kvm script (to stdout, or -o FILE).",
            "kvmsh run --adopt FILE then takes them under management without changing them."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "only these VMs, networks and pools (default: all)")
    List<String> names = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the script to FILE (a new file)")
    Path output;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Target target = main.target();
        String script = output == null ? "<stdout>" : output.toAbsolutePath().normalize().toString();
        HostImport.Result result;
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(target.uri(), target.links())) {
            result = HostImport.of(hv.read(), hv.storage(), names, script);
        }
        if (!result.unknownNames().isEmpty()) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: import: " + target.label() + " has no VM, network or pool named "
                    + String.join(", ", result.unknownNames().stream().map(n -> "'" + n + "'").toList())
                    + " — see virsh list --all, net-list --all, pool-list --all");
        }
        String text = ScriptWriter.write(result.model(), result.comments());
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            // A new file only: an existing script is the user's work.
            Files.writeString(output, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: import: " + output + " exists — choose another file, or"
                    + " remove it first");
        } catch (IOException e) {
            throw new KvmshException(ExitCodes.USAGE, "kvmsh: import: cannot write " + output + ": " + e.getMessage(), e);
        }
        var m = result.model();
        spec.commandLine().getErr().printf("Wrote %s: %d network%s, %d VM%s, %d pool%s from %s.%n", output,
                m.networks().size(), m.networks().size() == 1 ? "" : "s", m.vms().size(), m.vms().size() == 1 ? "" : "s",
                m.pools().size(), m.pools().size() == 1 ? "" : "s", target.label());
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
