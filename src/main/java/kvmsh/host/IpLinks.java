package kvmsh.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import groovy.json.JsonSlurper;

/** {@link HostLinks} through iproute2's {@code ip}, reading its JSON output. */
public final class IpLinks implements HostLinks {

    private final CommandRunner runner;

    /** @param runner where {@code ip} runs: the host itself, or a sandbox's network namespace */
    public IpLinks(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Map<String, String> list() {
        CommandResult r = runner.run("ip", "-json", "link", "show").orThrow();
        Map<String, String> links = new LinkedHashMap<>();
        Object parsed = new JsonSlurper().parseText(r.stdout().isBlank() ? "[]" : r.stdout());
        for (Object o : (List<?>) parsed) {
            Map<?, ?> link = (Map<?, ?>) o;
            Object master = link.get("master");
            links.put(String.valueOf(link.get("ifname")), master == null ? "" : master.toString());
        }
        return links;
    }

    @Override
    public java.util.Optional<CommandRunner> commands() {
        return java.util.Optional.of(runner);
    }

    @Override
    public void createTap(String tap, String bridge) {
        runner.check("ip", "tuntap", "add", "dev", tap, "mode", "tap");
        try {
            plug(tap, bridge);
            runner.check("ip", "link", "set", "dev", tap, "up");
        } catch (CommandException e) {
            // Half a tap is worse than none.
            runner.run("ip", "link", "del", "dev", tap);
            throw e;
        }
    }

    @Override
    public void plug(String tap, String bridge) {
        if (bridge == null) {
            runner.check("ip", "link", "set", "dev", tap, "nomaster");
        } else {
            runner.check("ip", "link", "set", "dev", tap, "master", bridge);
        }
    }

    @Override
    public void delete(String tap) {
        CommandResult r = runner.run("ip", "link", "del", "dev", tap);
        // A failure is fine when the tap is gone anyway: decided on the host's links, not on ip's wording.
        if (!r.ok() && list().containsKey(tap)) {
            r.orThrow();
        }
    }
}
