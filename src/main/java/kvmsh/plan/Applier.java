package kvmsh.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a plan, running steps whose dependencies are done at the same time (at most
 * {@code parallel} at once; the dependencies come from {@link StepGraph}). With one worker the steps
 * run in plan order. A step's line is printed when it ends, with how long it took.
 *
 * <p>When a step fails, or {@link #cancel()} is called, steps already running finish, nothing new
 * starts, and every step this run carried out is undone, one at a time, in the reverse of the order
 * they ended (so nothing is undone before what depends on it); the {@link ApplyException} says what
 * failed, or that the run was interrupted, and what was undone.
 *
 * <p>Steps run on worker threads and are handed to one {@link Hypervisor} from several of them:
 * libvirt connections may be used from several threads, and libvirt-java reads the error of a failed
 * call with {@code virGetLastError}, which libvirt keeps per thread, on the thread that made it.
 * Output, rollback and the decisions what to start next all happen on the thread calling
 * {@link #apply}.
 */
public final class Applier {

    /** Steps at once unless told otherwise: libvirt's calls mostly wait on the daemon, not on a CPU here. */
    public static final int DEFAULT_PARALLEL = 8;

    private final java.util.function.Function<Action, String> execute;
    private final Consumer<String> steps;
    private final Consumer<String> shown;
    private final int parallel;
    private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;

    /**
     * @param hypervisor where the steps run
     * @param out        receives one line per step carried out, and below it, indented, any text
     *                   the step shows
     */
    public Applier(Hypervisor hypervisor, Consumer<String> out) {
        this(hypervisor, out, line -> out.accept("  " + line));
    }

    /**
     * @param hypervisor where the steps run
     * @param steps      receives one line per step carried out
     * @param shown      receives the lines a step shows (a {@code list} table, say), as they are
     */
    public Applier(Hypervisor hypervisor, Consumer<String> steps, Consumer<String> shown) {
        this(hypervisor, steps, shown, DEFAULT_PARALLEL);
    }

    /**
     * @param parallel at most this many steps at once (1: one after the other, in plan order)
     */
    public Applier(Hypervisor hypervisor, Consumer<String> steps, Consumer<String> shown, int parallel) {
        this(hypervisor::execute, steps, shown, parallel);
    }

    /**
     * @param execute carries out one step, as {@link Hypervisor#execute} does (several hosts' steps:
     *                {@code Fleet#execute})
     */
    public Applier(java.util.function.Function<Action, String> execute, Consumer<String> steps, Consumer<String> shown,
                   int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        this.execute = execute;
        this.steps = steps;
        this.shown = shown;
        this.parallel = parallel;
    }

    /**
     * Stops the apply under way (from any thread, a signal handler's say): the steps running now
     * finish, nothing new starts, and what this run did is undone; {@link #apply} then throws an
     * {@link ApplyException} that says it was interrupted. Called before {@code apply}, that apply
     * changes nothing. Calling it again changes nothing more.
     */
    public void cancel() {
        cancelled = true;
        ended.add(Ended.WAKE);
    }

    /** Applies every step; on failure or {@link #cancel()} rolls back and throws {@link ApplyException}. */
    public void apply(Plan plan) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("a plan with problems cannot be applied");
        }
        StepGraph graph = StepGraph.of(plan.steps());
        int n = graph.size();
        int[] waitingFor = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            waitingFor[i] = graph.dependencies(i).length;
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> done = new ArrayList<>();
        List<Ended> failures = new ArrayList<>();
        boolean interrupted = false;
        int running = 0;
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, n)), new Workers());
        try {
            while (true) {
                // The lowest step number first, so one worker keeps the plan's order.
                while (failures.isEmpty() && !cancelled && running < parallel && !ready.isEmpty()) {
                    int i = ready.poll();
                    Action step = graph.step(i);
                    running++;
                    workers.execute(() -> ended.add(run(i, step)));
                }
                if (running == 0) {
                    break;
                }
                Ended e;
                try {
                    e = ended.take();
                } catch (InterruptedException ie) {
                    // Ctrl-C in the REPL: as cancel(), and the running steps are told (a sleep, a wait ends).
                    interrupted = true;
                    cancelled = true;
                    workers.shutdownNow();
                    continue;
                }
                if (e == Ended.WAKE) {
                    continue;
                }
                running--;
                Action step = graph.step(e.index());
                if (e.failure() != null) {
                    failures.add(e);
                    steps.accept(withTime("! failed: " + step.describe().substring(2), e.nanos()));
                    continue;
                }
                done.add(e.index());
                steps.accept(withTime(step.describe(), e.nanos()));
                e.text().stripTrailing().lines().forEach(shown);
                for (int d : graph.dependents(e.index())) {
                    if (--waitingFor[d] == 0) {
                        ready.add(d);
                    }
                }
            }
        } finally {
            workers.shutdownNow();
        }
        // Rolled back on a failure, or when a cancel left steps undone (a cancel after the last step changes nothing).
        if (failures.isEmpty() && done.size() == n) {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (!failures.isEmpty() && failures.stream().allMatch(f -> f.failure() instanceof StepFailedException sf && sf.keepsWhatRan())) {
            // A command in a guest failed: what the run made (the guest itself) is kept, not destroyed unasked.
            Ended first = failures.get(0);
            List<String> kept = done.stream().map(graph::step).filter(a -> a.undo().isPresent()).map(Action::describe).toList();
            throw ApplyException.kept(graph.step(first.index()), first.index() + 1, message(first.failure()), kept);
        }
        List<String> undone = new ArrayList<>();
        List<Action> undoneSteps = new ArrayList<>();
        List<String> rollbackFailures = new ArrayList<>();
        for (int k = done.size() - 1; k >= 0; k--) {
            graph.step(done.get(k)).undo().ifPresent(u -> {
                if (undo(u, undone, rollbackFailures)) {
                    undoneSteps.add(u);
                }
            });
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failures.isEmpty()) {
            throw ApplyException.interrupted(done.size(), n, undone, rollbackFailures).undoneSteps(undoneSteps);
        }
        Ended first = failures.get(0);
        List<String> others = failures.subList(1, failures.size()).stream()
                .map(f -> "step " + (f.index() + 1) + " " + graph.step(f.index()).describe().substring(2) + ": "
                        + message(f.failure()))
                .toList();
        throw new ApplyException(graph.step(first.index()), first.index() + 1, message(first.failure()), undone,
                rollbackFailures, others).undoneSteps(undoneSteps);
    }

    private Ended run(int index, Action step) {
        long start = System.nanoTime();
        try {
            String text = execute.apply(step);
            return new Ended(index, text == null ? "" : text, null, System.nanoTime() - start);
        } catch (RuntimeException | Error e) {
            return new Ended(index, "", e, System.nanoTime() - start);
        }
    }

    private boolean undo(Action u, List<String> undone, List<String> failures) {
        try {
            execute.apply(u);
            undone.add(u.describe());
            return true;
        } catch (RuntimeException e) {
            // Keep going: a partial rollback is better than none, and the user is told.
            failures.add(u.describe() + ": " + message(e));
            return false;
        }
    }

    /** The step's line with its duration after its first line: "+ start vm web1   (1.2 s)". */
    static String withTime(String line, long nanos) {
        String time = nanos < 1_000_000_000L ? (nanos / 1_000_000) + " ms" : String.format("%.1f s", nanos / 1e9);
        int nl = line.indexOf('\n');
        return nl < 0 ? line + "   (" + time + ")" : line.substring(0, nl) + "   (" + time + ")" + line.substring(nl);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A step that ended: what it shows, or why it failed; {@link #WAKE} only wakes the loop (cancel). */
    private record Ended(int index, String text, Throwable failure, long nanos) {
        static final Ended WAKE = new Ended(-1, "", null, 0);
    }

    /** Daemon threads named after the applier, so a stuck step never keeps the JVM alive or hides in a dump. */
    private static final class Workers implements java.util.concurrent.ThreadFactory {
        private static final AtomicInteger NEXT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "kvmsh-apply-" + NEXT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
