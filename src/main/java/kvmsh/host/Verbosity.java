package kvmsh.host;

import java.util.Map;

/**
 * kvmsh's {@code -v}/{@code --verbose} (and {@code KVMSH_VERBOSE=1}, for hooks qemu starts):
 * every host command and libvirt call goes to stderr, with the time of day, through slf4j-simple
 * (configured once, in {@code simplelogger.properties}). slf4j-simple fixes a logger's level when
 * the logger is made, so this must run before kvmsh's first logging class is used: the launcher
 * and the command line call it before any command runs.
 */
public final class Verbosity {

    /** The environment variable that turns verbose output on, also where no option can be given. */
    public static final String ENV = "KVMSH_VERBOSE";

    private Verbosity() {
    }

    /** Whether {@code env} asks for verbose output: {@code KVMSH_VERBOSE} set, and neither empty nor 0. */
    public static boolean requested(Map<String, String> env) {
        String v = env.get(ENV);
        return v != null && !v.isBlank() && !v.strip().equals("0");
    }

    /** Turns kvmsh's debug lines on, each with the time of day (for the loggers made from now on). */
    public static void enable() {
        System.setProperty("org.slf4j.simpleLogger.log.kvmsh", "debug");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    /** {@code command} as one would type it in a shell: words with blanks or quotes in single quotes. */
    public static String shellWords(java.util.List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String w : command) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.isEmpty() || w.matches(".*[\\s'\"\\\\$`*?;&|<>(){}].*")
                    ? "'" + w.replace("'", "'\\''") + "'" : w);
        }
        return sb.toString();
    }
}
