package kvmsh.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Entries from piped input: lines are gathered until they make a finished entry, judged exactly
 * as on a terminal, so a piped session runs like a typed one (without prompts or echo).
 */
final class BatchSource implements EntrySource {

    private final BufferedReader in;
    /** Lines read so far, and the line the last entry began on. */
    private int read;
    private int first;

    BatchSource(BufferedReader in) {
        this.in = in;
    }

    @Override
    public String next() {
        StringBuilder entry = new StringBuilder();
        first = read + 1;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                read++;
                if (entry.length() > 0) {
                    entry.append('\n');
                }
                entry.append(line);
                if (!Completeness.isIncomplete(entry.toString())) {
                    return entry.toString();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // End of input: an unfinished entry still runs, so its error is reported.
        return entry.length() > 0 ? entry.toString() : null;
    }

    @Override
    public int line() {
        return first;
    }

    @Override
    public void interruptibly(Runnable work) {
        work.run();
    }
}
