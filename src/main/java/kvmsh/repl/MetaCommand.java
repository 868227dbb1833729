package kvmsh.repl;

import java.util.List;

/** A REPL command: a line starting with ':' ({@code :plan}, {@code :xml vm web} …). */
interface MetaCommand {

    /** The name after the colon. */
    String name();

    /** How to call it, e.g. {@code ":xml vm|network NAME"}. */
    String usage();

    /** One line for :help. */
    String summary();

    /** What Tab offers for the argument at {@code index} (0 = first), given the arguments before it. */
    default List<String> complete(ReplSession session, List<String> before, int index) {
        return List.of();
    }

    void run(ReplSession session, List<String> args);
}
