package kvmsh.repl;

import java.util.List;
import java.util.Map;

/** {@code :hosts}: the connections the session holds ({@code :connect NAME URI}), the current one marked. */
final class HostsCommand implements MetaCommand {

    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public String usage() {
        return ":hosts";
    }

    @Override
    public String summary() {
        return "the connections held (:connect NAME URI); * marks the current one";
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        Map<String, String> hosts = session.hosts();
        int width = Math.max(4, hosts.keySet().stream().mapToInt(String::length).max().orElse(0));
        session.out().println("  " + String.format("%-" + (width + 2) + "s", "HOST") + "URI");
        hosts.forEach((name, uri) -> session.out().println((name.equals(session.currentHost()) ? "* " : "  ")
                + String.format("%-" + (width + 2) + "s", name) + uri));
    }
}
