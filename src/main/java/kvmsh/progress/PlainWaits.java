package kvmsh.progress;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Waits as plain lines, for output that is not a terminal (a pipe, a log, CI): one line when a wait
 * starts, one when it ends, nothing in between. Lines of waits running at once never mix: each goes
 * out whole, one at a time.
 */
public final class PlainWaits implements Waits {

    private final Consumer<String> out;
    private final Display display = new Display() {
        @Override
        public void started(Wait wait) {
            line(wait.startLine());
        }

        @Override
        public void changed(Wait wait) {
            // Only the start and the end: a log should not fill with progress.
        }

        @Override
        public void ended(Wait wait, String line) {
            line(line);
        }
    };

    /** @param out receives each line (the CLI indents it and flushes) */
    public PlainWaits(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public Wait bounded(String what, Duration limit) {
        Wait w = new Wait(what, limit, 0, display);
        display.started(w);
        return w;
    }

    @Override
    public Wait transfer(String what, long bytes) {
        Wait w = new Wait(what, null, bytes, display);
        display.started(w);
        return w;
    }

    @Override
    public synchronized void line(String text) {
        out.accept(text);
    }
}
