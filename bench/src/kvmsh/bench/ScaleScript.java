package kvmsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scale workload as a .kvm script: {@code networks} NAT networks and {@code vms} VMs, each VM
 * with one NIC on one of the networks, written as two loops the way an admin would.
 */
public final class ScaleScript {

    private ScaleScript() {
    }

    public static String text(int vms, int networks) {
        return "// bench: " + vms + " VMs on " + networks + " networks\n"
                + "(1.." + networks + ").each { i ->\n"
                + "    network \"bnet$i\" { nat \"10.${i}.0.0/16\"; dhcp \"10.${i}.0.10\"..\"10.${i}.0.200\" }\n"
                + "}\n"
                + "(1.." + vms + ").each { i ->\n"
                + "    vm \"bvm$i\" { memory 64; nic network: \"bnet${(i % " + networks + ") + 1}\" }\n"
                + "}\n";
    }

    /** Writes the script to {@code file} (bench/run passes it to {@code bin/kvmsh run}). */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), text(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }
}
