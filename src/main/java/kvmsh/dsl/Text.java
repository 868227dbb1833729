package kvmsh.dsl;

import groovy.lang.GString;

/**
 * What a script's GString argument to a keyword becomes: its text, built here when its values
 * are plain (strings, numbers, booleans, characters, null, nested GStrings), exactly as Groovy
 * would write them. Groovy's own {@code GString.toString()} first initializes its default-import
 * table by scanning the JDK and its own jars — a tenth of a second or more, once per process —
 * and a script's first interpolated name ({@code vm "web$i"}) would pay it. Any other value (a
 * list, a map, a closure) is left to Groovy.
 */
public final class Text {

    private Text() {
    }

    /** Called by the code {@link kvmsh.dsl.compile.KeywordText} generates: {@code vm(Text.of("web$i"), …)}. */
    public static Object of(Object value) {
        if (!(value instanceof GString g)) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        return append(out, g) ? out.toString() : g.toString();
    }

    /** Groovy's order: each string, then the value of the same index, if any. */
    private static boolean append(StringBuilder out, GString g) {
        String[] strings = g.getStrings();
        Object[] values = g.getValues();
        for (int i = 0; i < strings.length; i++) {
            out.append(strings[i]);
            if (i < values.length) {
                Object v = values[i];
                if (v instanceof GString inner) {
                    if (!append(out, inner)) {
                        return false;
                    }
                } else if (v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                        || v instanceof Character) {
                    out.append(v);
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
