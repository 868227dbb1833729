package kvmsh.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kvmsh completion}: prints a bash/zsh completion script. picocli writes it from the command
 * tree; kvmsh then narrows what a script argument completes to: directories and {@code .kvm} files,
 * without hidden ones (such as {@code .git/}) unless the word typed starts with a dot.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for kvmsh.",
            "Use: source <(bin/kvmsh completion)"})
final class CompletionCommand implements Runnable {

    /** What picocli writes for a file positional (the script argument of plan, run, down, hook …). */
    static final String FILES = "compgen -f -- \"${curr_word}\" ) # files";

    /** The same, narrowed to directories and .kvm files. */
    static final String SCRIPTS = "_kvmsh_scripts \"${curr_word}\" ) # directories and .kvm scripts";

    /** Lists the directories and .kvm files completing a word; hidden ones only when it starts with a dot. */
    static final String SCRIPTS_FUNCTION = """
            # kvmsh: a script argument completes to directories and .kvm files (hidden ones only after a dot).
            function _kvmsh_scripts() {
              local word="$1" hidden='*/.*'
              [[ "$word" == .* || "$word" == */.* ]] && hidden=''
              { compgen -d -- "$word"; compgen -f -X '!*.kvm' -- "$word"; } |
                while IFS= read -r c; do
                  [[ "$c" == . || "$c" == .. || ( -n "$hidden" && "/$c" == $hidden ) ]] || printf '%s\\n' "$c"
                done
            }

            """;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The values {@code -c} completes to: libvirt's well-known URIs and kvmsh's sandbox. */
    static final class Uris implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(kvmsh.libvirt.Uris.WELL_KNOWN);
            all.add("sandbox");
            return all.iterator();
        }
    }

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(script(root));
        spec.commandLine().getOut().flush();
    }

    static String script(CommandLine root) {
        String bash = AutoComplete.bash("kvmsh", root);
        if (!bash.contains(FILES)) {
            throw new IllegalStateException("picocli's completion script changed: no file completion to narrow");
        }
        // Before the first function, so every completion function can call it.
        int at = bash.indexOf("\nfunction ");
        return bash.substring(0, at + 1) + SCRIPTS_FUNCTION + bash.substring(at + 1).replace(FILES, SCRIPTS);
    }
}
