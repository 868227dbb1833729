package kvmsh.progress;

import java.time.Duration;

/**
 * Where waits show themselves. A command chooses one (a live line per wait on a terminal, plain
 * lines when piped) and hands it to whatever waits on its behalf; several waits may run at once
 * (parallel steps), each on its own thread, and output never tears a line.
 *
 * <p>Example: {@code try (Wait w = waits.bounded("vm web to get a DHCP lease", Duration.ofSeconds(60))) { … w.reached("10.0.0.12"); }}
 */
public interface Waits {

    /** Shows nothing: for callers that have nobody to show waits to (backend tests, import). */
    Waits NONE = new PlainWaits(line -> { });

    /**
     * Starts a wait for something that comes by itself within {@code limit} (a lease, a state).
     *
     * @param what what is awaited, as a subject and what it should do: "vm web to get a DHCP lease"
     */
    Wait bounded(String what, Duration limit);

    /**
     * Starts a transfer of {@code bytes} (0 when not known yet: {@link Wait#progress} may say later).
     *
     * @param what what moves, size included when known: "upload of seed web-seed.iso (1 MiB)"
     */
    Wait transfer(String what, long bytes);

    /** Prints one whole line, above any live wait. */
    void line(String text);
}
