package kvmsh.cli;

import java.util.List;

import kvmsh.model.Problem;

/** A script's errors, reported all at once; nothing was changed. Keeps them for {@code --json}. */
final class ScriptErrors extends KvmshException {

    private final transient List<Problem> problems;

    ScriptErrors(List<Problem> problems) {
        this(problems, ExitCodes.SCRIPT_ERRORS);
    }

    /** Located errors that end kvmsh with another code than 3 ({@code -c} with hypervisors: 2; a host unreachable: 4). */
    ScriptErrors(List<Problem> problems, int exitCode) {
        super(exitCode, text(problems));
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }

    private static String text(List<Problem> problems) {
        int n = problems.size();
        StringBuilder sb = new StringBuilder();
        problems.forEach(p -> sb.append(p).append('\n'));
        return sb + (n + " error" + (n == 1 ? "" : "s") + "; nothing was changed.");
    }
}
