package kvmsh.repl;

import java.util.ArrayList;
import java.util.List;
import groovyjarjarantlr4.v4.runtime.CharStreams;
import groovyjarjarantlr4.v4.runtime.Token;
import org.apache.groovy.parser.antlr4.GroovyLangLexer;
import org.apache.groovy.parser.antlr4.GroovyLexer;
import org.apache.groovy.parser.antlr4.GroovySyntaxError;

/**
 * Groovy's own lexer over REPL input, so strings, GStrings, comments and nesting are recognised
 * the way the compiler sees them. Tolerant: input that stops inside a string yields the tokens
 * before it plus where that string began.
 *
 * @param tokens          the tokens up to the end (or up to an unterminated string)
 * @param unterminatedAt  offset of a string literal that is still open at the end, or -1
 */
record GroovyTokens(List<Tok> tokens, int unterminatedAt) {

    /** One token: its symbolic type ({@code LBRACE}, {@code Identifier}, {@code StringLiteral} …), text and offsets. */
    record Tok(String type, String text, int start, int end) {
        boolean is(String t) {
            return type.equals(t);
        }
    }

    static GroovyTokens of(String text) {
        GroovyLangLexer lexer = new GroovyLangLexer(CharStreams.fromString(text));
        // Errors are the parser's to report when the entry runs; the lexer only has to go on.
        lexer.removeErrorListeners();
        List<Tok> tokens = new ArrayList<>();
        try {
            for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
                String type = GroovyLexer.VOCABULARY.getSymbolicName(t.getType());
                tokens.add(new Tok(type == null ? "?" : type, t.getText(), t.getStartIndex(), t.getStopIndex() + 1));
            }
        } catch (GroovySyntaxError | RuntimeException e) {
            // The lexer gives up on a string that never ends: find the quote it stopped at.
            int from = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
            int quote = openQuote(text, from);
            Tok last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (quote >= 0 && last != null && last.end() == quote && last.is("StringLiteral")
                    && last.text().length() == 2 && last.text().charAt(0) == text.charAt(quote)) {
                // ''' lexes as an empty '' and a lone quote: the open string began at the first one.
                tokens.remove(tokens.size() - 1);
                quote = last.start();
            }
            return new GroovyTokens(tokens, quote);
        }
        return new GroovyTokens(tokens, -1);
    }

    /** The first quote at or after {@code from} (skipping blanks), where an unterminated string starts. */
    private static int openQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                return i;
            }
            if (!Character.isWhitespace(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** Tokens that are neither newlines nor comments (the lexer folds a line comment into its NL). */
    List<Tok> significant() {
        return tokens.stream().filter(t -> !t.is("NL")).toList();
    }
}
