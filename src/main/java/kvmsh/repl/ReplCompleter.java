package kvmsh.repl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import kvmsh.dsl.Keyword;
import kvmsh.dsl.Keywords;
import kvmsh.dsl.KvmshScript;
import kvmsh.dsl.Values;

/**
 * Tab completion in context: the keywords of the block the cursor is in (top level, {@code vm { }},
 * {@code customize { }} …), a keyword's named options not given yet, the values a keyword's string
 * takes (its {@link Values}: fixed words, live and declared names, osinfo ids, file paths), the session's
 * variables after the first word, and the ':' commands with their arguments. All of it is read from
 * the DSL's annotations, so a new keyword completes without a change here.
 */
final class ReplCompleter implements Completer {

    private final ReplSession session;
    private final MetaCommands commands;

    ReplCompleter(ReplSession session, MetaCommands commands) {
        this.session = session;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        if (before.stripLeading().startsWith(":")) {
            meta(before.stripLeading().substring(1), candidates);
            return;
        }
        CompletionContext c = CompletionContext.at(line.line(), line.cursor());
        if (!c.receiver().isEmpty()) {
            methods(c.receiver(), candidates);
        } else if (c.inString()) {
            strings(c, candidates);
        } else if (c.statement().isEmpty()) {
            keywords(c.block(), candidates);
        } else {
            options(c, candidates);
        }
    }

    private void keywords(Class<?> block, List<Candidate> candidates) {
        boolean top = block == KvmshScript.class;
        // VmSpec → "vm settings", CustomizeSpec → "customize settings".
        String name = block.getSimpleName().replaceFirst("Spec$", "");
        String group = top ? "statements" : Character.toLowerCase(name.charAt(0)) + name.substring(1) + " settings";
        for (Map.Entry<String, Keyword> k : Keywords.of(block).entrySet()) {
            if (k.getValue().repl()) {
                candidates.add(new Candidate(k.getKey(), k.getKey(), group, k.getValue().summary(), null, null, true));
            }
        }
        variables(candidates);
        if (top) {
            commands.all().forEach(m -> candidates.add(new Candidate(":" + m.name(), ":" + m.name(), "commands",
                    m.summary(), null, null, true)));
        }
    }

    /** After a keyword: its named options that the statement has not given yet, and the session's variables. */
    private void options(CompletionContext c, List<Candidate> candidates) {
        for (String o : Keywords.options(c.block(), c.statement())) {
            if (!c.given().contains(o)) {
                candidates.add(new Candidate(o + ":", o + ":", c.statement() + " options", null, null, null, true));
            }
        }
        variables(candidates);
    }

    private void variables(List<Candidate> candidates) {
        for (String v : session.variables()) {
            candidates.add(new Candidate(v, v, "variables", null, null, null, true));
        }
    }

    /**
     * After {@code VAR.}: the methods of the variable's value as Groovy calls them, its class's and the ones
     * Groovy adds ({@code first}, {@code each} …), from its metaclass. The word at the cursor includes
     * {@code VAR.} (a dot does not end a word, paths have dots), so each candidate does too.
     */
    private void methods(String receiver, List<Candidate> candidates) {
        Object value = session.variable(receiver).orElse(null);
        if (value == null) {
            return;
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (groovy.lang.MetaMethod m : org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(value).getMethods()) {
            if (m.isPublic() && m.getName().chars().allMatch(Character::isJavaIdentifierPart)) {
                names.add(m.getName());
            }
        }
        for (groovy.lang.MetaMethod m : org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(value).getMetaMethods()) {
            if (m.isPublic() && m.getName().chars().allMatch(Character::isJavaIdentifierPart)) {
                names.add(m.getName());
            }
        }
        String group = value.getClass().getSimpleName() + " methods";
        for (String n : names) {
            candidates.add(new Candidate(receiver + "." + n, n, group, null, null, null, false));
        }
    }

    /** Inside a string: the values the keyword (or the option before the string) takes. */
    private void strings(CompletionContext c, List<Candidate> candidates) {
        Keywords.Choices choices = Keywords.choices(c.block(), c.statement(), c.option());
        String close = String.valueOf(c.quote());
        for (String w : choices.words()) {
            candidates.add(new Candidate(w + close, w, c.statement() + " values", null, null, null, true));
        }
        for (Values.Kind kind : choices.kinds()) {
            if (kind == Values.Kind.PATH) {
                paths(c.prefix(), close, candidates);
                continue;
            }
            String group = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            for (String name : session.names(kind)) {
                candidates.add(new Candidate(name + close, name, group, null, null, null, true));
            }
        }
    }

    private void meta(String text, List<Candidate> candidates) {
        List<String> words = MetaCommands.words(text);
        boolean fresh = text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1));
        int index = fresh ? words.size() : words.size() - 1;
        if (index == 0) {
            commands.all().forEach(m -> candidates.add(new Candidate(":" + m.name(), ":" + m.name(), "commands",
                    m.summary(), null, null, true)));
            return;
        }
        Optional<MetaCommand> command = commands.find(words.get(0));
        if (command.isEmpty()) {
            return;
        }
        String name = command.get().name();
        if ((name.equals("load") || name.equals("save")) && index == 1) {
            paths(fresh ? "" : words.get(index), "", candidates);
            return;
        }
        List<String> args = words.subList(1, index);
        for (String v : command.get().complete(session, args, index - 1)) {
            candidates.add(new Candidate(v, v, null, null, null, null, true));
        }
    }

    /** Entries of the directory the prefix points into; directories continue, files end with {@code close}. */
    private static void paths(String prefix, String close, List<Candidate> candidates) {
        int slash = prefix.lastIndexOf('/');
        String dir = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String namePrefix = prefix.substring(slash + 1);
        Path base = dir.isEmpty() ? Path.of(".") : Path.of(dir.startsWith("~/")
                ? System.getProperty("user.home") + dir.substring(1) : dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !namePrefix.startsWith(".")) {
                    continue;
                }
                boolean isDir = Files.isDirectory(p);
                candidates.add(new Candidate(dir + name + (isDir ? "/" : close), name + (isDir ? "/" : ""), null,
                        null, null, null, !isDir));
            }
        } catch (IOException | RuntimeException e) {
            // No such directory: nothing to offer.
        }
    }
}
