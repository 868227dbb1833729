package kvmsh.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of an entry: on Enter, an unfinished entry (as {@link Completeness} judges it with
 * Groovy's parser) continues on the secondary prompt; for Tab, the word at the cursor.
 */
final class EntryParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && Completeness.isIncomplete(line)) {
            throw new EOFError(-1, cursor, "the entry continues", "}");
        }
        return ReplLine.at(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }
}
