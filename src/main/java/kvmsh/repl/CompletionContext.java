package kvmsh.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;

/**
 * Where the cursor is in a DSL entry, read from Groovy's tokens before it: inside which block (the
 * top level, {@code vm { }}, {@code customize { }} inside it …, as the keywords' {@code @DelegatesTo}
 * say), at the start of a statement or after its keyword, inside a string (a name or a path), and
 * after which named option ({@code network:}).
 *
 * @param block     the DSL class of the block the cursor is in ({@link KvmshScript} at the top level)
 * @param statement the statement's first word (its keyword), or "" at the start of a statement
 * @param option    the named option right before the cursor's string ({@code network} in
 *                  {@code nic network: 'la}), or ""
 * @param inString  true when the cursor is inside a string literal
 * @param quote     the quote the string at the cursor opened with (its candidates close with it)
 * @param prefix    what is typed of the current word or string so far
 * @param given     the named options the statement has already given ({@code network} in {@code nic network: 'lab', })
 * @param receiver  the variable before a dot right before the cursor ({@code names} in {@code names.fi}), or ""
 */
record CompletionContext(Class<?> block, String statement, String option, boolean inString, char quote, String prefix,
                         Set<String> given, String receiver) {

    static CompletionContext at(String text, int cursor) {
        String before = text.substring(0, Math.min(cursor, text.length()));
        GroovyTokens lexed = GroovyTokens.of(before);
        Deque<Class<?>> blocks = new ArrayDeque<>();
        List<GroovyTokens.Tok> statement = new ArrayList<>();
        List<GroovyTokens.Tok> tokens = lexed.tokens();
        String prefix = "";
        boolean inString = false;
        char quote = '\'';
        int last = tokens.size();
        if (lexed.unterminatedAt() >= 0) {
            inString = true;
            quote = before.charAt(lexed.unterminatedAt());
            prefix = before.substring(lexed.unterminatedAt() + 1);
        } else if (!tokens.isEmpty() && tokens.get(last - 1).end() == before.length()
                && (tokens.get(last - 1).is("Identifier") || isKeywordLike(tokens.get(last - 1)))) {
            // The word being typed is not part of the statement before it.
            prefix = tokens.get(last - 1).text();
            last--;
        }
        String receiver = "";
        if (!inString && last >= 2 && tokens.get(last - 1).is("DOT") && tokens.get(last - 2).is("Identifier")
                && tokens.get(last - 1).end() == before.length() - prefix.length()
                && tokens.get(last - 2).end() == tokens.get(last - 1).start()) {
            receiver = tokens.get(last - 2).text();
        }
        for (GroovyTokens.Tok t : tokens.subList(0, last)) {
            switch (t.type()) {
                case "LBRACE" -> {
                    Class<?> current = blocks.isEmpty() ? KvmshScript.class : blocks.peek();
                    // A block keyword's closure runs against its spec; a closure or an if/for body stays in the block it is in.
                    Class<?> inner = statement.isEmpty() ? null
                            : Keywords.block(current, statement.get(0).text()).orElse(null);
                    blocks.push(inner != null ? inner : current);
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
        Set<String> given = new LinkedHashSet<>();
        for (int i = 1; i + 1 < n; i++) {
            if (statement.get(i + 1).is("COLON") && isKeywordLike(statement.get(i))) {
                given.add(statement.get(i).text());
            }
        }
        return new CompletionContext(blocks.isEmpty() ? KvmshScript.class : blocks.peek(), keyword, option, inString,
                quote, prefix, given, receiver);
    }

    /** Groovy keywords used as DSL words are still words being typed ({@code in}, {@code def} …). */
    private static boolean isKeywordLike(GroovyTokens.Tok t) {
        return !t.text().isEmpty() && Character.isJavaIdentifierStart(t.text().charAt(0))
                && t.text().chars().allMatch(Character::isJavaIdentifierPart);
    }
}
