package kvmsh.repl;

import java.util.List;
import java.util.Set;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Decides whether a REPL entry is finished or continues on the next line. The Groovy parser
 * judges: what parses is finished. What does not parse continues only when it stopped in the
 * middle of something (an open bracket or block, a triple-quoted string, a trailing operator);
 * any other parse error is finished, so it runs and reports its error at once.
 */
final class Completeness {

    /** Tokens after which an expression must go on: operators, commas, dots, arrows. */
    private static final Set<String> CONTINUATIONS = Set.of("ASSIGN", "ADD", "SUB", "MUL", "DIV", "MOD", "POWER",
            "COMMA", "DOT", "SAFE_DOT", "SPREAD_DOT", "METHOD_POINTER", "METHOD_REFERENCE", "ARROW", "AND", "OR",
            "BITAND", "BITOR", "XOR", "QUESTION", "ELVIS", "COLON", "EQUAL", "NOTEQUAL", "LT", "GT", "LE", "GE",
            "RANGE_INCLUSIVE", "RANGE_EXCLUSIVE_RIGHT", "RANGE_EXCLUSIVE_LEFT", "RANGE_EXCLUSIVE_FULL",
            "ADD_ASSIGN", "SUB_ASSIGN", "MUL_ASSIGN", "DIV_ASSIGN", "MOD_ASSIGN", "ELVIS_ASSIGN", "IN", "INSTANCEOF",
            "NOT", "BITNOT", "LPAREN", "LBRACK", "LBRACE", "SAFE_INDEX", "GStringBegin", "GStringPart");

    private Completeness() {
    }

    /** True when {@code entry} needs more lines before it can run. */
    static boolean isIncomplete(String entry) {
        if (entry.isBlank() || entry.stripLeading().startsWith(":") || parses(entry)) {
            return false;
        }
        GroovyTokens lexed = GroovyTokens.of(entry);
        if (lexed.unterminatedAt() >= 0) {
            // Single-quoted and double-quoted strings end on their line; only triple quotes span lines.
            return entry.startsWith("'''", lexed.unterminatedAt()) || entry.startsWith("\"\"\"", lexed.unterminatedAt());
        }
        List<GroovyTokens.Tok> tokens = lexed.significant();
        int depth = 0;
        for (GroovyTokens.Tok t : tokens) {
            switch (t.type()) {
                case "LPAREN", "LBRACK", "LBRACE", "SAFE_INDEX" -> depth++;
                case "RPAREN", "RBRACK", "RBRACE" -> depth--;
                default -> {
                }
            }
            if (depth < 0) {
                // A closing bracket nobody opened: more input cannot fix it.
                return false;
            }
        }
        return depth > 0 || (!tokens.isEmpty() && CONTINUATIONS.contains(tokens.get(tokens.size() - 1).type()));
    }

    private static boolean parses(String entry) {
        try {
            SourceUnit unit = SourceUnit.create("entry.groovy", entry);
            unit.parse();
            unit.buildAST();
            return true;
        } catch (CompilationFailedException e) {
            return false;
        }
    }
}
