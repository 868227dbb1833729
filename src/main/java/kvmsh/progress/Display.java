package kvmsh.progress;

/** How a {@link Waits} implementation shows a wait: told when it starts, moves and ends. */
interface Display {

    void started(Wait wait);

    /** The wait's progress or status changed. */
    void changed(Wait wait);

    /** The wait ended; {@code line} says how ({@link Wait#endLine}). */
    void ended(Wait wait, String line);
}
