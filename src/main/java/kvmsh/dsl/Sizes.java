package kvmsh.dsl;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes like {@code '512M'}, {@code '2G'}, {@code '8GiB'} (binary units, as libvirt uses). */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(?:I?B)?");

    private Sizes() {
    }

    /**
     * Bytes of a size string; a bare number is taken in {@code defaultUnit} ("M", "G", …, or
     * null when a unit is required). Empty when malformed.
     */
    static OptionalLong bytes(String text, String defaultUnit) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String unit = m.group(2).isEmpty() ? defaultUnit : m.group(2);
        if (unit == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(m.group(1));
            int shift = switch (unit) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                case "T" -> 40;
                default -> 0;
            };
            return n > (Long.MAX_VALUE >> shift) ? OptionalLong.empty() : OptionalLong.of(n << shift);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
