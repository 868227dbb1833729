package kvmsh.repl;

/** Where the REPL's entries come from: a terminal (JLine) or piped input (a batch). */
interface EntrySource {

    /** The next complete entry; "" for a cancelled one (Ctrl-C); null at the end (Ctrl-D, end of input). */
    String next();

    /** Whether a person types the entries (Ctrl-D then warns about declarations not applied). */
    default boolean interactive() {
        return false;
    }

    /** The input line the last entry began on, or 0 where entries are not lines of one input (a terminal). */
    default int line() {
        return 0;
    }

    /** Runs one entry's work; on a terminal, Ctrl-C interrupts it instead of ending kvmsh. */
    void interruptibly(Runnable work);

    /** Called once when the REPL ends (history is saved). */
    default void close() {
    }
}
