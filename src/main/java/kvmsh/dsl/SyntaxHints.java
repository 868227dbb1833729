package kvmsh.dsl;

import kvmsh.model.Problem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import kvmsh.model.Origin;

/**
 * Finds where a script that does not compile actually goes wrong, in words for people who do not
 * know Groovy. Groovy's parser reports where it gave up, which for an unclosed block or an unfinished
 * range is often the start of the enclosing statement ({@code 1:13 Unexpected input: '{'} for a
 * {@code dhcp '10.1.0.10'..} on line 3). This scan over the text (strings, comments and
 * {@code ${…}} inside strings skipped) looks for the usual causes first: a string not closed, a bracket
 * that closes nothing or is never closed, an operator with nothing after it. Only consulted when the
 * compiler has already failed, so it never rejects a script Groovy accepts.
 */
final class SyntaxHints {

    /** Operators that cannot end an expression: one of these right before a closing bracket is unfinished. */
    private static final Set<String> DANGLING = Set.of("..", "..<", "+", "-", "*", "=", "==", "!=", "&&", "||",
            "<=", ">=", ".", "?", "%", "+=", "-=", "<<");
    private static final String OPERATOR_CHARS = "+-*=<>!&|.?%^~";

    private record Open(char bracket, int line, int column, String resume) {
    }

    private final String src;
    private final String file;
    private int i;
    private int line = 1;
    private int col = 1;
    /** The last operator seen, if it is the last significant token so far (null otherwise). */
    private String lastOp;
    private int lastOpLine;
    private int lastOpCol;

    private SyntaxHints(String source, String file) {
        this.src = source;
        this.file = file;
    }

    /** The likely causes of a compile failure, or nothing when the scan finds none of them. */
    static List<Problem> explain(String source, String file) {
        return new SyntaxHints(source, file).scan();
    }

    private List<Problem> scan() {
        Deque<Open> open = new ArrayDeque<>();
        String string = null;
        int stringLine = 0;
        int stringCol = 0;
        if (src.startsWith("#!")) {
            skipLine();
        }
        while (i < src.length()) {
            char c = src.charAt(i);
            if (string != null) {
                if (src.startsWith(string, i)) {
                    advance(string.length());
                    string = null;
                } else if (c == '\\') {
                    advance(Math.min(2, src.length() - i));
                } else if (string.startsWith("\"") && src.startsWith("${", i)) {
                    open.push(new Open('{', line, col + 1, string));
                    string = null;
                    advance(2);
                } else if (c == '\n' && string.length() == 1) {
                    return one(stringLine, stringCol, "the text starting with " + string + " at " + stringLine + ":"
                            + stringCol + " is not closed on its line", "add the closing " + string);
                } else {
                    advance(1);
                }
                continue;
            }
            if (src.startsWith("//", i)) {
                skipLine();
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    return one(line, col, "the comment starting with /* at " + line + ":" + col + " is never closed",
                            "add */ where it ends");
                }
                advance(end + 2 - i);
            } else if (src.startsWith("'''", i) || src.startsWith("\"\"\"", i) || c == '\'' || c == '"') {
                string = src.startsWith("'''", i) || src.startsWith("\"\"\"", i) ? src.substring(i, i + 3)
                        : String.valueOf(c);
                stringLine = line;
                stringCol = col;
                lastOp = null;
                advance(string.length());
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(new Open(c, line, col, null));
                lastOp = null;
                advance(1);
            } else if (c == ')' || c == ']' || c == '}') {
                List<Problem> unfinished = dangling();
                if (!unfinished.isEmpty()) {
                    return unfinished;
                }
                if (open.isEmpty()) {
                    return one(line, col, "'" + c + "' at " + line + ":" + col + " closes nothing",
                            "remove it, or add the '" + opening(c) + "' it belongs to");
                }
                Open o = open.pop();
                if (o.bracket() != opening(c)) {
                    return one(line, col, "missing '" + closing(o.bracket()) + "' for the '" + o.bracket() + "' at "
                            + o.line() + ":" + o.column(), "add it before this '" + c + "'");
                }
                advance(1);
                lastOp = null;
                if (o.resume() != null) {
                    string = o.resume();
                }
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                int start = i;
                int l = line;
                int cl = col;
                while (i < src.length() && OPERATOR_CHARS.indexOf(src.charAt(i)) >= 0) {
                    advance(1);
                }
                lastOp = src.substring(start, i);
                lastOpLine = l;
                lastOpCol = cl;
            } else {
                if (!Character.isWhitespace(c)) {
                    lastOp = null;
                }
                advance(1);
            }
        }
        if (string != null) {
            return one(stringLine, stringCol, "the text starting with " + string + " at " + stringLine + ":" + stringCol
                    + (string.length() == 1 ? " is not closed on its line" : " is never closed"), "add the closing " + string);
        }
        List<Problem> out = new ArrayList<>(dangling());
        if (!out.isEmpty()) {
            return out;
        }
        for (Open o : open) {
            out.add(new Problem(new Origin(file, line, col), "missing '" + closing(o.bracket()) + "' for the '"
                    + o.bracket() + "' at " + o.line() + ":" + o.column(), "add '" + closing(o.bracket())
                    + "' where " + (o.bracket() == '{' ? "the block" : "it") + " ends"));
        }
        return out;
    }

    /** An operator right before a closing bracket or the end of the script has nothing to work on. */
    private List<Problem> dangling() {
        if (lastOp == null || !DANGLING.contains(lastOp)) {
            return List.of();
        }
        if (lastOp.startsWith("..")) {
            return one(lastOpLine, lastOpCol, "the range '" + lastOp + "' at " + lastOpLine + ":" + lastOpCol
                    + " has no end", "write both ends, e.g. dhcp '10.0.0.1'..'10.0.0.100'");
        }
        return one(lastOpLine, lastOpCol, "nothing follows '" + lastOp + "' at " + lastOpLine + ":" + lastOpCol,
                "finish the expression, or remove the '" + lastOp + "'");
    }

    private List<Problem> one(int l, int c, String problem, String fix) {
        return List.of(new Problem(new Origin(file, l, c), problem, fix));
    }

    private void skipLine() {
        while (i < src.length() && src.charAt(i) != '\n') {
            advance(1);
        }
    }

    private void advance(int n) {
        for (int k = 0; k < n && i < src.length(); k++) {
            if (src.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
        }
    }

    private static char opening(char close) {
        return close == ')' ? '(' : close == ']' ? '[' : '{';
    }

    private static char closing(char open) {
        return open == '(' ? ')' : open == '[' ? ']' : '}';
    }
}
