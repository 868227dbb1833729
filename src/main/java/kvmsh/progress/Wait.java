package kvmsh.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One wait being shown, from {@link Waits#bounded} or {@link Waits#transfer}. It ends once, saying
 * how: {@link #reached} (what was awaited came), {@link #done} (a transfer, or a wait that runs its
 * whole time, finished), {@link #timedOut} or {@link #failed}; later endings are ignored, and
 * {@link #close} ends a wait nobody ended as failed, so try-with-resources never leaves a live line
 * behind. Safe to call from any thread.
 *
 * <p>The lines: {@code wait: vm db to reach 'stopped' (up to 2 s)} when it starts, {@code wait: vm db
 * to reach 'stopped': timed out after 2 s} when it ends.
 */
public final class Wait implements AutoCloseable {

    private final String what;
    /** The limit of a bounded wait; null for a transfer. */
    private final Duration limit;
    private final long startNanos = System.nanoTime();
    private final Display display;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long done;
    private volatile long total;
    private volatile String status = "";

    Wait(String what, Duration limit, long total, Display display) {
        this.what = what;
        this.limit = limit;
        this.total = Math.max(0, total);
        this.display = display;
    }

    /** What is awaited: "vm web to get a DHCP lease". */
    public String what() {
        return what;
    }

    /** A transfer's progress: {@code done} of {@code total} bytes (total may change: a migration's memory grows). */
    public void progress(long done, long total) {
        this.done = Math.max(0, done);
        this.total = Math.max(0, total);
        if (!ended.get()) {
            display.changed(this);
        }
    }

    /** A few words beside the live line on a terminal ("memory 120 MiB left"); plain lines leave them out. */
    public void status(String text) {
        this.status = text == null ? "" : text;
        if (!ended.get()) {
            display.changed(this);
        }
    }

    /** What was awaited came: "reached in 4.1 s", then {@code detail} (an address, an event) when given. */
    public void reached(String detail) {
        end("reached in " + seconds(elapsed()) + suffix(detail));
    }

    /** The transfer finished, or a wait that runs its whole time ran it: "done in 0.3 s". */
    public void done(String detail) {
        end("done in " + seconds(elapsed()) + suffix(detail));
    }

    /** The limit passed first: "timed out after 60 s", then what came of it ("destroyed"). */
    public void timedOut(String detail) {
        end("timed out after " + (limit == null ? seconds(elapsed()) : limit.toSeconds() + " s") + suffix(detail));
    }

    /** It cannot come: "failed after 0.2 s: vm web is not running". */
    public void failed(String why) {
        end("failed after " + seconds(elapsed()) + suffix(why == null || why.isBlank() ? "no reason given" : why));
    }

    /** Ends the wait as failed when nobody said how it ended (an exception left the waiting code). */
    @Override
    public void close() {
        failed("stopped by an error");
    }

    /** Whether one of the endings was called. */
    public boolean ended() {
        return ended.get();
    }

    private void end(String how) {
        if (ended.compareAndSet(false, true)) {
            display.ended(this, endLine(how));
        }
    }

    /** "wait: vm web to get a DHCP lease (up to 60 s)". */
    String startLine() {
        return "wait: " + what + (limit != null ? " (up to " + limit.toSeconds() + " s)" : "");
    }

    String endLine(String how) {
        return "wait: " + what + ": " + how;
    }

    Duration limit() {
        return limit;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    long done() {
        return done;
    }

    long total() {
        return total;
    }

    String status() {
        return status;
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail.strip();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
