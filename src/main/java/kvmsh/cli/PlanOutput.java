package kvmsh.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/** How {@code plan} and {@code run} print a plan: coloured text for people, or JSON for programs. */
final class PlanOutput {

    enum When { auto, always, never }

    @Option(names = "--json", description = "print the plan (run: and what was done) as JSON, see docs/plan.schema.json")
    boolean json;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "colour the plan: auto (on a terminal, unless NO_COLOR is set), always, never (default: ${DEFAULT-VALUE})")
    When color = When.auto;

    /** Whether to colour text written to standard output. */
    boolean colour() {
        return colour(color, System.getenv(), stdoutIsTerminal());
    }

    /** Colour when asked to, or on a terminal that is not dumb, unless {@code NO_COLOR} is set (no-color.org). */
    static boolean colour(When when, Map<String, String> env, boolean terminal) {
        return switch (when) {
            case always -> true;
            case never -> false;
            case auto -> terminal && isEmpty(env.get("NO_COLOR")) && !"dumb".equals(env.get("TERM"));
        };
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** Whether file descriptor 1 is a terminal (System.console() also wants standard input to be one). */
    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
