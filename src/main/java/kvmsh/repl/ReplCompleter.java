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
import kvmsh.dsl.NetworkSpec;
import kvmsh.dsl.VmSpec;

/**
 * Tab completion in context: the keywords of the block the cursor is in (top level, {@code vm { }},
 * {@code network { }}), a keyword's named options, live names where a name is expected (VMs,
 * networks, pools, volumes), file paths for disks and {@code :load}/{@code :save}, and the ':'
 * commands with their arguments. Descriptions come from the {@link Keyword} annotations.
 */
final class ReplCompleter implements Completer {

    /** Statements whose string argument names a VM. */
    private static final List<String> VM_STATEMENTS = List.of("start", "shutdown", "destroy", "undefine", "info", "vm");
    /** Settings and commands whose string argument is a path. */
    private static final List<String> PATH_STATEMENTS = List.of("disk", "cdrom", "kernel", "initrd", "serial");

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
        if (c.inString()) {
            strings(c, candidates);
        } else if (c.statement().isEmpty()) {
            keywords(c.block(), candidates);
        } else {
            options(c, candidates);
        }
    }

    private void keywords(String block, List<Candidate> candidates) {
        Class<?> dsl = switch (block) {
            case "vm" -> VmSpec.class;
            case "network" -> NetworkSpec.class;
            case "cloudInit" -> kvmsh.dsl.CloudInitSpec.class;
            default -> KvmshScript.class;
        };
        String group = block.isEmpty() ? "statements" : block + " settings";
        for (Map.Entry<String, Keyword> k : Keywords.of(dsl).entrySet()) {
            candidates.add(new Candidate(k.getKey(), k.getKey(), group, k.getValue().summary(), null, null, true));
        }
        for (String v : session.variables()) {
            candidates.add(new Candidate(v, v, "variables", null, null, null, true));
        }
        if (block.isEmpty()) {
            commands.all().forEach(m -> candidates.add(new Candidate(":" + m.name(), ":" + m.name(), "commands",
                    m.summary(), null, null, true)));
        }
    }

    private void options(CompletionContext c, List<Candidate> candidates) {
        Class<?> dsl = switch (c.block()) {
            case "vm" -> VmSpec.class;
            case "network" -> NetworkSpec.class;
            case "cloudInit" -> kvmsh.dsl.CloudInitSpec.class;
            default -> KvmshScript.class;
        };
        Optional<Keyword> k = Keywords.find(dsl, c.statement());
        if (k.isPresent()) {
            for (String o : k.get().options()) {
                candidates.add(new Candidate(o + ":", o + ":", c.statement() + " options", null, null, null, true));
            }
        }
    }

    private void strings(CompletionContext c, List<Candidate> candidates) {
        NameKind kind = switch (c.option()) {
            case "network", "to" -> NameKind.NETWORK;
            case "pool" -> NameKind.POOL;
            case "name" -> c.statement().equals("disk") ? NameKind.VOLUME : null;
            case "" -> VM_STATEMENTS.contains(c.statement()) ? NameKind.DOMAIN
                    : List.of("leases", "network").contains(c.statement()) ? NameKind.NETWORK : null;
            default -> null;
        };
        if (kind != null) {
            for (String name : session.names(kind)) {
                candidates.add(new Candidate(name + "'", name, kind.name().toLowerCase(), null, null, null, true));
            }
        } else if (c.option().isEmpty() && PATH_STATEMENTS.contains(c.statement())) {
            paths(c.prefix(), "'", candidates);
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
