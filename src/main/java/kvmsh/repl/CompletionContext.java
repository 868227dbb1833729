package kvmsh.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where the cursor is in a DSL entry, read from Groovy's tokens before it: inside which block
 * ({@code vm}, {@code network} or the top level), at the start of a statement or after its
 * keyword, inside a string (a name or a path), and after which named option ({@code network:}).
 *
 * @param block     "vm", "network", "cloudInit" (inside a vm) or "" for the top level
 * @param statement the statement's first word (its keyword), or "" at the start of a statement
 * @param option    the named option right before the cursor's string ({@code network} in
 *                  {@code nic network: 'la}), or ""
 * @param inString  true when the cursor is inside a string literal
 * @param prefix    what is typed of the current word or string so far
 */
record CompletionContext(String block, String statement, String option, boolean inString, String prefix) {

    static CompletionContext at(String text, int cursor) {
        String before = text.substring(0, Math.min(cursor, text.length()));
        GroovyTokens lexed = GroovyTokens.of(before);
        Deque<String> blocks = new ArrayDeque<>();
        List<GroovyTokens.Tok> statement = new ArrayList<>();
        List<GroovyTokens.Tok> tokens = lexed.tokens();
        String prefix = "";
        boolean inString = false;
        int last = tokens.size();
        if (lexed.unterminatedAt() >= 0) {
            inString = true;
            prefix = before.substring(lexed.unterminatedAt() + 1);
        } else if (!tokens.isEmpty() && tokens.get(last - 1).end() == before.length()
                && (tokens.get(last - 1).is("Identifier") || isKeywordLike(tokens.get(last - 1)))) {
            // The word being typed is not part of the statement before it.
            prefix = tokens.get(last - 1).text();
            last--;
        }
        for (GroovyTokens.Tok t : tokens.subList(0, last)) {
            switch (t.type()) {
                case "LBRACE" -> {
                    String head = statement.isEmpty() ? "" : statement.get(0).text();
                    boolean block = (head.equals("vm") || head.equals("network")) && statement.size() >= 2
                            || head.equals("cloudInit") && statement.size() == 1 && "vm".equals(blocks.peek());
                    // A closure or an if/for body inside a block stays in that block's context.
                    blocks.push(block ? head : blocks.isEmpty() ? "" : blocks.peek());
                    statement.clear();
                }
                case "RBRACE" -> {
                    if (!blocks.isEmpty()) {
                        blocks.pop();
                    }
                    statement.clear();
                }
                case "NL", "SEMI" -> statement.clear();
                default -> statement.add(t);
            }
        }
        String keyword = statement.isEmpty() ? "" : statement.get(0).text();
        String option = "";
        int n = statement.size();
        if (inString && n >= 2 && statement.get(n - 1).is("COLON")) {
            option = statement.get(n - 2).text();
        }
        return new CompletionContext(blocks.isEmpty() ? "" : blocks.peek(), keyword, option, inString, prefix);
    }

    /** Groovy keywords used as DSL words are still words being typed ({@code in}, {@code def} …). */
    private static boolean isKeywordLike(GroovyTokens.Tok t) {
        return !t.text().isEmpty() && Character.isJavaIdentifierStart(t.text().charAt(0))
                && t.text().chars().allMatch(Character::isJavaIdentifierPart);
    }
}
