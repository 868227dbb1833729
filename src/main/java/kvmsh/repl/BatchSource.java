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

    BatchSource(BufferedReader in) {
        this.in = in;
    }

    @Override
    public String next() {
        StringBuilder entry = new StringBuilder();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
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
    public void interruptibly(Runnable work) {
        work.run();
    }
}
