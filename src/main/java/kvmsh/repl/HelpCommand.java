package kvmsh.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kvmsh.dsl.Keyword;
import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;
import kvmsh.dsl.NetworkSpec;
import kvmsh.dsl.VmSpec;

/**
 * {@code :help [WORD]}: the keywords and commands. The text of every keyword comes from its
 * {@link Keyword} annotation, the same source as the DSL reference and the error hints.
 */
final class HelpCommand implements MetaCommand {

    private final MetaCommands commands;

    HelpCommand(MetaCommands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return ":help [WORD]";
    }

    @Override
    public String summary() {
        return "this overview, or the help of a keyword, block (vm, network) or command";
    }

    @Override
    public List<String> complete(ReplSession session, List<String> before, int index) {
        if (index > 0) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (Class<?> c : List.of(KvmshScript.class, VmSpec.class, NetworkSpec.class)) {
            words.addAll(Keywords.of(c).keySet());
        }
        commands.all().forEach(c -> words.add(":" + c.name()));
        return words.stream().distinct().sorted().toList();
    }

    @Override
    public void run(ReplSession session, List<String> args) {
        session.out().println(args.isEmpty() ? overview() : about(args.get(0)));
    }

    private String overview() {
        StringBuilder sb = new StringBuilder("Statements (Tab completes; :help vm and :help network list the settings):\n");
        Map<String, Keyword> all = Keywords.of(KvmshScript.class);
        Map<String, Keyword> here = new java.util.LinkedHashMap<>(all);
        here.values().removeIf(k -> !k.repl());
        table(sb, here);
        // Listed apart, as Tab leaves them out: the REPL refuses them, a script file can have them.
        List<String> scriptOnly = all.keySet().stream().filter(n -> !here.containsKey(n)).toList();
        if (!scriptOnly.isEmpty()) {
            sb.append("In script files only (the REPL refuses them): ").append(String.join(", ", scriptOnly))
                    .append(" — :help WORD says what one does.\n");
        }
        sb.append("\nCommands:\n");
        for (MetaCommand c : commands.all()) {
            sb.append(String.format("  %-26s %s%n", c.usage(), c.summary()));
        }
        sb.append("\nDeclarations (network, vm) wait for :apply; statements (start, list() …) run at once.\n")
                .append("An unfinished block continues on the next line. Ctrl-C cancels the entry or stops what runs;")
                .append(" Ctrl-D quits.");
        return sb.toString();
    }

    private String about(String word) {
        String w = word.startsWith(":") ? word.substring(1) : word;
        if (word.startsWith(":") || (commands.find(w).isPresent() && Keywords.find(KvmshScript.class, w).isEmpty())) {
            return commands.find(w).map(c -> c.usage() + "\n  " + c.summary())
                    .orElse("no command ':" + w + "' — :help lists them");
        }
        StringBuilder sb = new StringBuilder();
        Keywords.find(KvmshScript.class, w).ifPresent(k -> entry(sb, w, "statement", k));
        if (w.equals("vm") || w.equals("network")) {
            sb.append("\nSettings inside ").append(w).append(" { }:\n");
            table(sb, Keywords.of(w.equals("vm") ? VmSpec.class : NetworkSpec.class));
        } else {
            Keywords.find(VmSpec.class, w).ifPresent(k -> entry(sb, w, "vm setting", k));
            Keywords.find(NetworkSpec.class, w).ifPresent(k -> entry(sb, w, "network setting", k));
        }
        if (sb.length() == 0) {
            List<String> all = complete(null, List.of(), 0);
            return "no keyword '" + w + "' — " + Keywords.nearest(w, all).map(n -> "did you mean '" + n + "'?")
                    .orElse(":help lists the statements");
        }
        return sb.toString().stripTrailing();
    }

    private static void entry(StringBuilder sb, String name, String kind, Keyword k) {
        sb.append(name).append(" (").append(kind).append(k.repl() ? "" : ", in script files only").append("): ")
                .append(k.summary()).append('\n')
                .append("  expects ").append(k.expects()).append('\n')
                .append("  e.g. ").append(k.example()).append('\n');
    }

    private static void table(StringBuilder sb, Map<String, Keyword> keywords) {
        keywords.forEach((name, k) -> sb.append(String.format("  %-10s %-56s %s%n", name, k.summary(), k.example())));
    }
}
