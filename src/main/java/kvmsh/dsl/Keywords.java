package kvmsh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * What a keyword's string arguments ({@code option} "") or one of its named options take, from its
     * {@link Values} declarations (on any overload, and on the lists its checks use): for completion.
     *
     * @param words the fixed words, in declaration order
     * @param kinds the kinds of names (never {@link Values.Kind#WORDS})
     */
    public record Choices(List<String> words, Set<Values.Kind> kinds) {
        public boolean isEmpty() {
            return words.isEmpty() && kinds.isEmpty();
        }
    }

    /** The values {@code keyword} of {@code dslClass} takes for {@code option} ("" for its own arguments). */
    public static Choices choices(Class<?> dslClass, String keyword, String option) {
        return SHAPES.get(dslClass).choices.getOrDefault(keyword + ":" + option, NO_CHOICES);
    }

    /** The named options of {@code keyword}, over all its overloads, in declaration order ({@code disk}: size:, backing: …). */
    public static List<String> options(Class<?> dslClass, String keyword) {
        return SHAPES.get(dslClass).options.getOrDefault(keyword, List.of());
    }

    /**
     * The spec class of a block keyword ({@code vm} → {@link VmSpec}, {@code customize} → {@link CustomizeSpec}),
     * read from the {@code @DelegatesTo} of its closure parameter; empty for a keyword without a block.
     */
    public static Optional<Class<?>> block(Class<?> dslClass, String keyword) {
        return Optional.ofNullable(SHAPES.get(dslClass).blocks.get(keyword));
    }

    private static final Choices NO_CHOICES = new Choices(List.of(), Set.of());

    /** Options, values and blocks of a DSL class's keywords, read once per class. */
    private record Shape(Map<String, List<String>> options, Map<String, Choices> choices, Map<String, Class<?>> blocks) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    private static Shape shape(Class<?> dslClass) {
        Map<String, Set<String>> options = new LinkedHashMap<>();
        Map<String, Set<String>> words = new LinkedHashMap<>();
        Map<String, Set<Values.Kind>> kinds = new LinkedHashMap<>();
        Map<String, Class<?>> blocks = new LinkedHashMap<>();
        Method[] methods = dslClass.getMethods();
        java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toGenericString));
        for (Method m : methods) {
            Keyword k = m.getAnnotation(Keyword.class);
            if (k == null) {
                continue;
            }
            options.computeIfAbsent(m.getName(), n -> new LinkedHashSet<>()).addAll(List.of(k.options()));
            for (Values v : m.getAnnotationsByType(Values.class)) {
                add(m.getName(), v, List.of(v.value()), words, kinds);
            }
            for (Parameter p : m.getParameters()) {
                DelegatesTo to = p.getAnnotation(DelegatesTo.class);
                if (to != null && Closure.class.isAssignableFrom(p.getType())) {
                    blocks.put(m.getName(), to.value());
                }
            }
        }
        for (Field f : dslClass.getDeclaredFields()) {
            Values[] declared = f.getAnnotationsByType(Values.class);
            if (declared.length == 0) {
                continue;
            }
            if (!Modifier.isStatic(f.getModifiers()) || !List.class.isAssignableFrom(f.getType())) {
                throw new IllegalStateException("@Values on " + f + ": only a static List<String> names values");
            }
            List<String> list = new ArrayList<>();
            try {
                f.setAccessible(true);
                for (Object o : (List<?>) f.get(null)) {
                    list.add(o.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
            for (Values v : declared) {
                for (String keyword : v.keyword()) {
                    add(keyword, v, list, words, kinds);
                }
            }
        }
        Map<String, List<String>> optionLists = new LinkedHashMap<>();
        options.forEach((k, o) -> optionLists.put(k, List.copyOf(o)));
        Map<String, Choices> choices = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(words.keySet());
        keys.addAll(kinds.keySet());
        for (String key : keys) {
            Set<Values.Kind> ks = kinds.getOrDefault(key, Set.of());
            choices.put(key, new Choices(List.copyOf(words.getOrDefault(key, Set.of())),
                    ks.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(ks))));
        }
        return new Shape(Map.copyOf(optionLists), Map.copyOf(choices), Map.copyOf(blocks));
    }

    private static void add(String keyword, Values v, List<String> given, Map<String, Set<String>> words,
                            Map<String, Set<Values.Kind>> kinds) {
        for (String option : v.option()) {
            String key = keyword + ":" + option;
            words.computeIfAbsent(key, x -> new LinkedHashSet<>()).addAll(given);
            if (v.kind() != Values.Kind.WORDS) {
                kinds.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(v.kind());
            }
        }
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
