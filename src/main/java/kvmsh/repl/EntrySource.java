package kvmsh.repl;

/** Where the REPL's entries come from: a terminal (JLine) or piped input (a batch). */
interface EntrySource {

    /** The next complete entry; "" for a cancelled one (Ctrl-C); null at the end (Ctrl-D, end of input). */
    String next();

    /** Runs one entry's work; on a terminal, Ctrl-C interrupts it instead of ending kvmsh. */
    void interruptibly(Runnable work);

    /** Called once when the REPL ends (history is saved). */
    default void close() {
    }
}
