package kvmsh.progress;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Waits on a terminal: each running wait has a live line at the bottom, a progress bar drawn by
 * me.tongfei:progressbar (elapsed against the limit for a bounded wait, bytes and speed for a
 * transfer); when it ends, its line gives way to the same end line {@link PlainWaits} prints. Waits
 * running at once (parallel steps) get one line each, and {@link #line} prints above them all:
 * whatever else the command prints while waits run must go through it, or it lands inside a bar.
 *
 * <p>progressbar's own console consumer keeps its terminal and the bars' positions in static
 * fields and cannot print a line above its bars; so the bars render here, through one consumer
 * per wait, and this class alone moves the cursor (up over the live lines, rewrite, clear below).
 */
public final class TerminalWaits implements Waits, AutoCloseable {

    private static final String CSI = "\u001b[";
    /** How often a live line is drawn again. */
    private static final int REFRESH_MILLIS = 500;
    /** Live lines at most; further waits at once are counted in the last one. */
    private static final int MAX_LINES = 8;

    private final PrintWriter out;
    private final IntSupplier width;
    private final ProgressBarStyle style;
    private final String indent;
    /** Moves the bars of bounded waits on as their time passes (nothing else steps them). */
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kvmsh-waits");
        t.setDaemon(true);
        return t;
    });
    /** The running waits, oldest first; guarded by this. */
    private final List<Live> live = new ArrayList<>();
    /** How many live lines the screen shows below the last text line; guarded by this. */
    private int drawn;

    /**
     * @param out   the terminal
     * @param width the terminal's width now (it may change while a wait runs)
     * @param color  whether the bars may be coloured (not with NO_COLOR)
     * @param indent put before every line, live or not (the CLI indents its step lines by two)
     */
    public TerminalWaits(PrintWriter out, IntSupplier width, boolean color, String indent) {
        this.out = out;
        this.indent = indent;
        this.width = width;
        this.style = color ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK;
    }

    @Override
    public Wait bounded(String what, Duration limit) {
        return start(what, limit, 0);
    }

    @Override
    public Wait transfer(String what, long bytes) {
        return start(what, null, bytes);
    }

    private Wait start(String what, Duration limit, long bytes) {
        Live l = new Live();
        Wait w = new Wait(what, limit, bytes, l);
        l.started(w);
        return w;
    }

    @Override
    public synchronized void line(String text) {
        StringBuilder s = toFirstLiveLine();
        for (String l : text.split("\\R", -1)) {
            s.append(indent).append(l).append(CSI).append("K\n");
        }
        drawLive(s);
    }

    /** Stops moving the bars; waits still running stay on the screen as they were. */
    @Override
    public void close() {
        clock.shutdownNow();
    }

    private synchronized void redraw() {
        drawLive(toFirstLiveLine());
    }

    private synchronized void remove(Live l, String endLine) {
        live.remove(l);
        line(endLine);
    }

    private StringBuilder toFirstLiveLine() {
        StringBuilder s = new StringBuilder();
        if (drawn > 0) {
            s.append(CSI).append(drawn).append('A');
        }
        return s.append('\r');
    }

    /** Appends the live lines (each cleared to its end), clears what is below them, and prints it all. */
    private void drawLive(StringBuilder s) {
        int shown = live.size() > MAX_LINES ? MAX_LINES - 1 : live.size();
        for (int i = 0; i < shown; i++) {
            s.append(indent).append(live.get(i).text()).append(CSI).append("K\n");
        }
        if (shown < live.size()) {
            s.append(indent).append("… and ").append(live.size() - shown).append(" more waits").append(CSI).append("K\n");
        }
        drawn = shown < live.size() ? shown + 1 : shown;
        s.append(CSI).append('J');
        out.print(s);
        out.flush();
    }

    private int barWidth() {
        return Math.max(20, width.getAsInt() - indent.length()) - 1;
    }

    /** One running wait's line: its bar, and how it ends. */
    private final class Live implements Display {

        private Wait wait;
        private ProgressBar bar;
        private ScheduledFuture<?> ticking;
        /** The bar as last rendered; guarded by the enclosing TerminalWaits. */
        private String rendered;
        private volatile boolean gone;

        private final ProgressBarConsumer consumer = new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return barWidth();
            }

            @Override
            public void accept(String text) {
                synchronized (TerminalWaits.this) {
                    if (!gone) {
                        rendered = text;
                        redraw();
                    }
                }
            }

            @Override
            public void close() {
                // The line goes when the wait ends (Live#ended), with its end line in its place.
            }
        };

        @Override
        public void started(Wait w) {
            wait = w;
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(w.what()).setStyle(style)
                    .setConsumer(consumer).setUpdateIntervalMillis(REFRESH_MILLIS).continuousUpdate();
            long max;
            if (w.limit() != null) {
                // Milliseconds, shown as seconds: "12/60 s (0:00:12 / 0:01:00)", elapsed against the limit.
                max = Math.max(1, w.limit().toMillis());
                b.setInitialMax(max).setUnit(" s", 1000).setEtaFunction(state -> Optional.of(w.limit()));
            } else {
                max = 0;
                boolean small = w.total() > 0 && w.total() < (1L << 20);
                b.setInitialMax(w.total() > 0 ? w.total() : -1).setUnit(small ? " KiB" : " MiB", small ? 1L << 10 : 1L << 20)
                        .showSpeed(new DecimalFormat("0.0"));
            }
            synchronized (TerminalWaits.this) {
                live.add(this);
            }
            bar = b.build();
            if (max > 0) {
                ticking = clock.scheduleAtFixedRate(() -> bar.stepTo(Math.min(max, w.elapsed().toMillis())),
                        REFRESH_MILLIS / 2, REFRESH_MILLIS / 2, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void changed(Wait w) {
            if (w.limit() == null) {
                if (w.total() > 0 && w.total() != bar.getMax()) {
                    bar.maxHint(w.total());
                }
                bar.stepTo(w.done());
            }
            bar.setExtraMessage(w.status().isEmpty() ? "" : " " + w.status());
        }

        @Override
        public void ended(Wait w, String line) {
            if (ticking != null) {
                ticking.cancel(false);
            }
            // progressbar's close waits for its last render and swallows an interrupt: keep the caller's.
            boolean interrupted = Thread.interrupted();
            try {
                bar.close();
            } finally {
                gone = true;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            remove(this, line);
        }

        /** The line as it stands: the bar, or until it first rendered, the plain start line. */
        private String text() {
            return rendered != null ? rendered : wait.startLine();
        }
    }
}
