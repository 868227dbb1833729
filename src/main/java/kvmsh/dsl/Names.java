package kvmsh.dsl;

import java.nio.charset.StandardCharsets;
import kvmsh.model.Origin;

/**
 * The rules every name in a script follows (VMs, networks, pools, static hosts, volumes, snapshots,
 * the names statements act on), checked where the name is given so a bad one is a located error
 * before anything runs, not a libvirt failure halfway through an apply.
 *
 * <p>libvirt keeps each object in a file named after it ({@code NAME.xml}, the VM's {@code NAME.log},
 * a network's {@code NAME.hostsfile} …), so a name may not contain '/', and Linux limits a file name
 * to 255 bytes: kvmsh allows {@value #MAX_BYTES}, leaving room for libvirt's suffixes. Control
 * characters (NUL, newline, tab, escape …) and surrounding whitespace make names that XML cannot
 * hold or that look like another name in every listing.
 */
final class Names {

    /** In UTF-8 bytes: 255 (Linux's NAME_MAX) less room for libvirt's longest suffixes. */
    static final int MAX_BYTES = 240;

    private Names() {
    }

    /**
     * Reports a problem with {@code name} at {@code at}, if it has one.
     *
     * @param what    what the name names, for the message: "vm", "network", "snapshot" …
     * @param example a correct statement for the fix, e.g. {@code vm 'web'}
     * @return true when the name is good
     */
    static boolean check(Problems problems, Origin at, String what, String name, String example) {
        String problem = problem(what, name);
        if (problem == null) {
            return true;
        }
        problems.add(at, problem, fix(name, example));
        return false;
    }

    /** What is wrong with {@code name}, or null. */
    static String problem(String what, String name) {
        if (name == null) {
            return what + " name is missing (the value given is null)";
        }
        if (name.isEmpty()) {
            return what + " name is empty";
        }
        String shown = quoted(name);
        if (name.isBlank()) {
            return what + " name " + shown + " is only whitespace";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return what + " name " + shown + " contains a control character (" + escape(c) + ")";
            }
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))
                || Character.isSpaceChar(name.charAt(0)) || Character.isSpaceChar(name.charAt(name.length() - 1))) {
            return what + " name " + shown + " starts or ends with whitespace";
        }
        if (name.indexOf('/') >= 0) {
            return what + " name " + shown + " contains '/'";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return what + " name " + shown + " is " + bytes + " bytes long; at most " + MAX_BYTES + " fit in the"
                    + " file names libvirt keeps it in";
        }
        return null;
    }

    private static String fix(String name, String example) {
        if (name == null || name.isEmpty() || name.isBlank()) {
            return "give it a name, e.g. " + example;
        }
        String stripped = name.strip();
        if (!stripped.equals(name) && problem("x", stripped) == null) {
            return "write '" + stripped + "'";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "use a shorter name";
        }
        return "use letters, digits, '-', '_' or '.', e.g. " + example;
    }

    /** The name as a message can show it on one line: control characters escaped, long names cut. */
    static String quoted(String name) {
        StringBuilder sb = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < name.length(); i++) {
            if (++shown > 40) {
                sb.append("…");
                break;
            }
            char c = name.charAt(i);
            sb.append(Character.isISOControl(c) ? escape(c) : String.valueOf(c));
        }
        return sb.append("'").toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\0' -> "\\0";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
