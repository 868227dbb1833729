package kvmsh.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of time as scripts and the command line write them: a whole number of seconds
 * ({@code 90}), or a string of whole numbers with units {@code h}, {@code m}, {@code s}, largest
 * first ({@code '90s'}, {@code '5m'}, {@code '1h30m'}), as systemd and Go write them. At most a day
 * (the most any statement option takes), at least a second.
 */
public final class Durations {

    /** A day in seconds: the longest a statement waits. */
    public static final long MAX_SECONDS = 86_400;

    /** How to write one, for the fix of a message. */
    public static final String HOW = "give seconds or a string like '90s', '5m' or '1h30m'";

    private static final Pattern TEXT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /** {@code value} as a duration, or empty when it is not one (see {@link #problem}). */
    public static Optional<Duration> parse(Object value) {
        long seconds;
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                return Optional.empty();
            }
            seconds = n.longValue();
        } else if (value instanceof CharSequence cs) {
            String s = cs.toString().strip();
            if (s.matches("\\d+")) {
                seconds = Long.parseLong(s);
            } else {
                Matcher m = TEXT.matcher(s);
                if (s.isEmpty() || !m.matches() || s.length() > 20) {
                    return Optional.empty();
                }
                seconds = part(m, 1) * 3600 + part(m, 2) * 60 + part(m, 3);
            }
        } else {
            return Optional.empty();
        }
        return seconds < 1 || seconds > MAX_SECONDS ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** What is wrong with {@code value} as a duration, for a message ({@code "'5x' is not a length of time"}). */
    public static String problem(Object value) {
        return "'" + value + "' is not a length of time from 1 s to a day";
    }

    /** {@code d} as {@link #parse} reads it back, shortest: {@code 5m}, {@code 90s} → {@code 1m30s}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.isEmpty()) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }

    /** A number of seconds as text ({@code "300"}, as options carry it) written as {@link #format} does: {@code 5m}. */
    public static String text(String seconds) {
        return format(Duration.ofSeconds(Long.parseLong(seconds)));
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
