package kvmsh.repl;

import java.util.List;

import org.jline.reader.CompletingParsedLine;

/**
 * An entry as JLine's completion sees it: the whole (possibly multi-line) buffer and the word at
 * the cursor. A word ends at blanks, quotes, brackets, commas, semicolons and '=', so inside
 * {@code start 'we} the word is {@code we}. Candidates are inserted as they are, never escaped:
 * the completer already writes them as Groovy source.
 */
record ReplLine(String line, int cursor, String word, int wordCursor) implements CompletingParsedLine {

    private static final String DELIMITERS = " \t\n'\"(){}[],;=";

    static ReplLine at(String line, int cursor) {
        int start = cursor;
        while (start > 0 && DELIMITERS.indexOf(line.charAt(start - 1)) < 0) {
            start--;
        }
        int end = cursor;
        while (end < line.length() && DELIMITERS.indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return new ReplLine(line, cursor, line.substring(start, end), cursor - start);
    }

    @Override
    public int wordIndex() {
        return 0;
    }

    @Override
    public List<String> words() {
        return List.of(word);
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
        return candidate;
    }

    @Override
    public int rawWordCursor() {
        return wordCursor;
    }

    @Override
    public int rawWordLength() {
        return word.length();
    }
}
