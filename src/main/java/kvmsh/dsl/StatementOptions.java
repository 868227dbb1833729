package kvmsh.dsl;

import java.util.List;
import java.util.Map;
import kvmsh.model.Origin;

/** Checks the named arguments of top-level statements ({@code shutdown 'web', timeout: 30}). */
final class StatementOptions {

    /** The largest number a statement option takes: a day in seconds, a day of one-second samples. */
    static final long MAX = 86_400;

    private StatementOptions() {
    }

    /**
     * Checks a statement's named arguments: only {@code allowed} keys, and those in {@code numeric}
     * must be non-negative whole numbers. Returns them as strings, or null after reporting a problem.
     */
    static Map<String, String> check(Problems problems, Origin here, String keyword, Map<String, ?> given,
                                     List<String> allowed, List<String> numeric) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, ?> e : given.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!allowed.contains(k)) {
                problems.add(here, "unknown " + keyword + " option '" + k + "'", Keywords.suggestion(k, allowed));
                ok = false;
            } else if (numeric.contains(k) && !(e.getValue() instanceof Number n && n.doubleValue() >= 0
                    && n.doubleValue() == Math.rint(n.doubleValue()))) {
                problems.add(here, keyword + " " + k + ": expects a whole number, got '" + e.getValue() + "'",
                        "e.g. " + k + ": 30");
                ok = false;
            } else if (numeric.contains(k) && ((Number) e.getValue()).doubleValue() > MAX) {
                problems.add(here, keyword + " " + k + ": " + e.getValue() + " is more than kvmsh allows (" + MAX
                        + ", a day in seconds)", "e.g. " + k + ": 30");
                ok = false;
            } else if (e.getValue() == null) {
                problems.add(here, keyword + " " + k + ": needs a value", "e.g. " + k + ": 'x'");
                ok = false;
            } else {
                out.put(k, e.getValue() instanceof Number n ? String.valueOf(n.longValue()) : e.getValue().toString());
            }
        }
        return ok ? out : null;
    }
}
