package kvmsh.hostnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;

/**
 * The dnsmasq of one network, found by its pid file — never by {@code ps | grep dnsmasq}, which
 * also sees libvirt's and the system's. A pid counts only while {@code /proc/PID/cmdline} still
 * names our config file, so a recycled pid is never signalled.
 */
final class DnsmasqProcess {

    private static final long STOP_WAIT_MILLIS = 5_000;

    private final CommandRunner runner;
    private final RunDirectory run;

    DnsmasqProcess(CommandRunner runner, RunDirectory run) {
        this.runner = runner;
        this.run = run;
    }

    /** The running dnsmasq of network {@code name}, if any. */
    OptionalLong pid(String name) {
        Path pidFile = run.dnsmasqPid(name);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return isOurs(pid, name) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** Starts dnsmasq with the network's config (already written); it daemonizes and writes its pid file. */
    long start(String name) {
        CommandResult r = runner.run(List.of("dnsmasq", confArgument(name)));
        if (!r.ok()) {
            throw new NotStarted("network '" + name + "': dnsmasq did not start (exit " + r.exitCode()
                    + "): " + r.stderr().strip());
        }
        // The parent exits once the daemon is set up; the pid file is written by then.
        return pid(name).orElseThrow(() -> new HostNetworkException("network '" + name
                + "': dnsmasq started but " + run.dnsmasqPid(name) + " names no running dnsmasq of ours"));
    }

    /** Stops the network's dnsmasq if it runs: TERM, then KILL if it is still there after a while. */
    void stop(String name) {
        OptionalLong pid = pid(name);
        if (pid.isEmpty()) {
            return;
        }
        String p = String.valueOf(pid.getAsLong());
        runner.run("kill", "-TERM", p);
        if (!waitGone(pid.getAsLong(), name)) {
            runner.run("kill", "-KILL", p);
            if (!waitGone(pid.getAsLong(), name)) {
                throw new HostNetworkException("network '" + name + "': dnsmasq " + p + " does not stop");
            }
        }
    }

    private boolean waitGone(long pid, String name) {
        long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
        while (isOurs(pid, name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isOurs(pid, name);
            }
        }
        return true;
    }

    private String confArgument(String name) {
        return "--conf-file=" + run.dnsmasqConf(name);
    }

    /** True while {@code pid} is a live dnsmasq started with our config (a zombie has an empty cmdline). */
    private boolean isOurs(long pid, String name) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
        } catch (IOException e) {
            return false;
        }
        List<String> args = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        return !args.isEmpty() && args.get(0).endsWith("dnsmasq") && args.contains(confArgument(name));
    }

    /** dnsmasq exited with an error before it became a daemon (it could not set itself up). */
    static final class NotStarted extends HostNetworkException {
        NotStarted(String message) {
            super(message);
        }
    }
}
