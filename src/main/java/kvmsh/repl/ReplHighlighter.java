package kvmsh.repl;

import java.util.HashSet;
import java.util.Set;

import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultHighlighter;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;
import kvmsh.dsl.NetworkSpec;
import kvmsh.dsl.VmSpec;

/**
 * Colours an entry while it is typed, from Groovy's tokens: statements bold blue, block settings
 * blue, strings green, comments faint, ':' commands cyan, and a closing bracket nobody opened red
 * (the parser will reject it).
 */
final class ReplHighlighter extends DefaultHighlighter {

    private static final AttributedStyle STATEMENT = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle SETTING = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle ERROR = AttributedStyle.BOLD.foreground(AttributedStyle.RED);

    private final Set<String> statements = Keywords.of(KvmshScript.class).keySet();
    private final Set<String> settings = new HashSet<>();

    ReplHighlighter() {
        settings.addAll(Keywords.of(VmSpec.class).keySet());
        settings.addAll(Keywords.of(NetworkSpec.class).keySet());
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (buffer.stripLeading().startsWith(":")) {
            int end = buffer.indexOf(' ');
            end = end < 0 ? buffer.length() : end;
            sb.styled(COMMAND, buffer.substring(0, end)).append(buffer.substring(end));
            return sb.toAttributedString();
        }
        GroovyTokens lexed = GroovyTokens.of(buffer);
        int at = 0;
        int depth = 0;
        for (GroovyTokens.Tok t : lexed.tokens()) {
            if (t.start() < at || t.end() > buffer.length()) {
                continue;
            }
            sb.append(buffer.substring(at, t.start()));
            String text = buffer.substring(t.start(), t.end());
            AttributedStyle style = AttributedStyle.DEFAULT;
            switch (t.type()) {
                case "Identifier" -> style = statements.contains(text) ? STATEMENT
                        : settings.contains(text) ? SETTING : style;
                case "StringLiteral", "GStringBegin", "GStringPart", "GStringEnd" -> style = STRING;
                case "NL" -> style = text.isBlank() ? style : COMMENT;
                case "LPAREN", "LBRACK", "LBRACE", "SAFE_INDEX" -> depth++;
                case "RPAREN", "RBRACK", "RBRACE" -> {
                    depth--;
                    if (depth < 0) {
                        style = ERROR;
                        depth = 0;
                    }
                }
                default -> {
                }
            }
            sb.styled(style, text);
            at = t.end();
        }
        String rest = buffer.substring(at);
        if (lexed.unterminatedAt() >= at) {
            sb.append(buffer.substring(at, lexed.unterminatedAt()));
            sb.styled(STRING, buffer.substring(lexed.unterminatedAt()));
        } else {
            sb.append(rest);
        }
        return sb.toAttributedString();
    }
}
