package kvmsh.dsl.compile;

import kvmsh.model.Problem;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how long a script's own code may run while kvmsh evaluates it (before any plan): after the
 * limit, the evaluating thread is interrupted, and the checks Groovy's {@code ThreadInterrupt}
 * transform puts at the start of every loop iteration, closure and method of the script end it
 * with an error instead of a hang ({@code while (true) { }} would otherwise hang {@code plan}, and a
 * hook would hang qemu starting a VM). Until the evaluation ends the thread is interrupted again
 * every 100 ms, so a script that swallows one interrupt does not escape.
 *
 * <p>What it cannot stop: one long call into Java that never looks at interrupts (a huge regex,
 * {@code (1..1e10).sum()}), which ends only when that call does.
 */
public final class EvalWatchdog {

    /** Environment variable: the limit in seconds, for scripts and hooks alike. */
    static final String ENV = "KVMSH_EVAL_TIMEOUT";
    static final Duration SCRIPT_DEFAULT = Duration.ofSeconds(60);
    /** qemu waits for a hook before it starts the VM: a hook's code gets little time. */
    static final Duration HOOK_DEFAULT = Duration.ofSeconds(5);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kvmsh-eval-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Duration limit;
    private final AtomicBoolean fired = new AtomicBoolean();
    private ScheduledFuture<?> task;
    /** Set by {@link #stop}; the timer interrupts only while it is false (both under this object's lock). */
    private boolean stopped;

    private EvalWatchdog(Duration limit) {
        this.limit = limit;
    }

    /** The limit for a script run by run, plan or down: {@value #ENV} seconds, else 60 s. */
    public static Duration scriptLimit(Map<String, String> env) {
        return limit(env, SCRIPT_DEFAULT);
    }

    /** The limit for a hook's script: {@value #ENV} seconds, else 5 s. */
    public static Duration hookLimit(Map<String, String> env) {
        return limit(env, HOOK_DEFAULT);
    }

    private static Duration limit(Map<String, String> env, Duration fallback) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(v.trim());
            return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Starts watching the current thread; {@link #stop} must follow in a finally. */
    public static EvalWatchdog start(Duration limit) {
        EvalWatchdog w = new EvalWatchdog(limit);
        Thread evaluating = Thread.currentThread();
        w.task = TIMER.scheduleAtFixedRate(() -> {
            synchronized (w) {
                if (!w.stopped) {
                    w.fired.set(true);
                    evaluating.interrupt();
                }
            }
        }, limit.toMillis(), 100, TimeUnit.MILLISECONDS);
        return w;
    }

    /** Stops watching; clears an interrupt the watchdog left on the thread. */
    public synchronized void stop() {
        stopped = true;
        task.cancel(false);
        if (fired.get()) {
            Thread.interrupted();
        }
    }

    public boolean fired() {
        return fired.get();
    }

    /** The problem reported at {@code at} when the limit was reached. */
    public Problem timeout(kvmsh.model.Origin at) {
        return new Problem(at, "the script's code ran longer than " + seconds() + " and was stopped here"
                + " (a loop that never ends?)", "end the loop, or allow more time with " + ENV + "=SECONDS");
    }

    private String seconds() {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }
}
