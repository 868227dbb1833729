package kvmsh.dsl;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the {@link Keyword} annotations of a DSL class: the keyword list for help and completion,
 * and the nearest keyword for "did you mean" hints.
 */
public final class Keywords {

    private Keywords() {
    }

    /**
     * The keywords of a DSL class by name ({@link KvmshScript} for top-level statements,
     * {@link NetworkSpec}, {@link VmSpec} for blocks). Overloads share one entry.
     */
    public static SortedMap<String, Keyword> of(Class<?> dslClass) {
        return BY_CLASS.get(dslClass);
    }

    /** Read once per class: every setting of every block asks (the "declared twice" check). */
    private static final ClassValue<SortedMap<String, Keyword>> BY_CLASS = new ClassValue<>() {
        @Override
        protected SortedMap<String, Keyword> computeValue(Class<?> type) {
            return java.util.Collections.unmodifiableSortedMap(read(type));
        }
    };

    private static SortedMap<String, Keyword> read(Class<?> dslClass) {
        SortedMap<String, Keyword> keywords = new TreeMap<>();
        // getMethods() has no fixed order; overloads must resolve to the same entry every run.
        Method[] methods = dslClass.getMethods();
        java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toGenericString));
        for (Method m : methods) {
            Keyword k = m.getAnnotation(Keyword.class);
            if (k != null) {
                keywords.putIfAbsent(m.getName(), k);
            }
        }
        return keywords;
    }

    /** The keyword of {@code dslClass} named {@code name}, if there is one. */
    public static Optional<Keyword> find(Class<?> dslClass, String name) {
        return Optional.ofNullable(of(dslClass).get(name));
    }

    /**
     * The candidate closest to {@code word} by edit distance (a swap of two neighbouring letters
     * counts as one edit, so {@code netwrok} finds {@code network}), if it is close enough to be a
     * plausible typo.
     */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** {@code " — did you mean 'x'?"}-style hint, or the list of valid keywords when none is close. */
    public static String suggestion(String word, Collection<String> candidates) {
        return nearest(word, candidates)
                .map(n -> "did you mean '" + n + "'?")
                .orElse("expected one of: " + String.join(", ", candidates));
    }
}
