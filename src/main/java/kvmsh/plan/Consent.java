package kvmsh.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user is asked before a plan's data-losing steps run ({@link Plan#dataLoss()}), in the
 * same words for {@code run}, {@code down} and the REPL's {@code :apply}.
 */
public final class Consent {

    private Consent() {
    }

    /** One line per step that can lose data, with its reason; empty when the plan loses nothing. */
    public static List<String> lines(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Action a : plan.dataLoss()) {
            out.add("! " + a.describe() + ": " + a.dataLoss().orElseThrow());
        }
        return out;
    }

    /** The y/N question for a terminal. */
    public static String question(Plan plan) {
        int n = plan.dataLoss().size();
        return "Carry out " + (n == 1 ? "this step, which" : "these " + n + " steps, which") + " can lose data? [y/N] ";
    }

    /** Whether an answer to {@link #question} consents: y or yes, any case; anything else (or none) is no. */
    public static boolean granted(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
