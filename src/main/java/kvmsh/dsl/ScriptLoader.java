package kvmsh.dsl;


import kvmsh.dsl.compile.EvalWatchdog;
import kvmsh.model.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kvmsh.host.FileTrust;
import kvmsh.model.HostModel;
import kvmsh.model.Origin;

/**
 * Loads a .kvm script into a validated {@link HostModel}: compile, run (collects only), build,
 * validate. Every problem of the script is reported at once in one {@link DslException}.
 */
public final class ScriptLoader {

    private final ValidationEnv env;
    private final java.time.Duration evalLimit;

    public ScriptLoader(ValidationEnv env) {
        this(env, null);
    }

    private ScriptLoader(ValidationEnv env, java.time.Duration evalLimit) {
        this.env = env;
        this.evalLimit = evalLimit;
    }

    /**
     * This loader, with the script's own code stopped after the limit {@code run}, {@code plan} and
     * {@code down} use ({@code KVMSH_EVAL_TIMEOUT} seconds, else 60).
     */
    public ScriptLoader boundedForScripts() {
        return new ScriptLoader(env, EvalWatchdog.scriptLimit(System.getenv()));
    }

    /** This loader with a hook's short limit ({@code KVMSH_EVAL_TIMEOUT} seconds, else 5): qemu is waiting. */
    public ScriptLoader boundedForHooks() {
        return new ScriptLoader(env, EvalWatchdog.hookLimit(System.getenv()));
    }

    /** This loader with {@code limit} on the script's run time (tests). */
    ScriptLoader bounded(java.time.Duration limit) {
        return new ScriptLoader(env, limit);
    }

    /** Local filesystem, no networks besides the script's own. */
    public ScriptLoader() {
        this(ValidationEnv.local());
    }

    /** Loads a script file; relative paths inside it resolve against its directory. */
    public HostModel load(Path file, List<String> args) {
        return loadScript(file, args).model();
    }

    /** Loads a script file with its {@code hook} statements. */
    public LoadedScript loadScript(Path file, List<String> args) {
        return evaluate(file, args).validate(env);
    }

    /**
     * Loads script text; {@code fileName} names it in messages and its directory (against the
     * working directory) is where relative paths resolve.
     */
    public HostModel load(String source, String fileName, List<String> args) {
        return loadScript(source, fileName, args).model();
    }

    /** {@link #load(String, String, List)} with the script's {@code hook} statements. */
    public LoadedScript loadScript(String source, String fileName, List<String> args) {
        return evaluate(source, fileName, args).validate(env);
    }

    /**
     * Compiles and runs {@code file} once (nothing touches a host), for validating against one or
     * more hosts afterwards with {@link EvaluatedScript#validate}.
     *
     * @throws DslException when it cannot be read, does not compile, or its code throws
     */
    public EvaluatedScript evaluate(Path file, List<String> args) {
        return evaluate(read(file), file.toString(), args);
    }

    private EvaluatedScript evaluate(String source, String fileName, List<String> args) {
        Path parent = Path.of(fileName).toAbsolutePath().getParent();
        DslSession session = new DslSession(parent == null ? Path.of("").toAbsolutePath() : parent, env, args);
        session.limitEvaluation(evalLimit);
        return new EvaluatedScript(session, fileName, session.eval(source, fileName).problems());
    }

    private static String read(Path file) {
        return utf8(readTrusted(file), file.toString());
    }

    /**
     * {@code bytes} as UTF-8; bytes that are not UTF-8 are an error at the line and column where
     * they start (a script saved as Latin-1, say), not characters silently replaced.
     */
    static String utf8(byte[] bytes, String fileName) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - before.lastIndexOf('\n');
            throw new DslException(List.of(new Problem(new Origin(fileName, line, column),
                    String.format("the script is not UTF-8 text (byte 0x%02x)", bytes[in.position()] & 0xff),
                    "save it as UTF-8 (iconv -f latin1 -t utf-8 FILE, or your editor's encoding setting)")));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The bytes of script {@code file}, read from its real path after {@link FileTrust#whyNotCode}
     * found nothing against it: running as root, kvmsh runs no script (or hook file) that belongs
     * to someone else, that others can write, or that sits in a directory others can write.
     *
     * @throws DslException when it cannot be read or cannot be trusted
     */
    public static byte[] readTrusted(Path file) {
        java.util.Optional<String> why = FileTrust.whyNotCode(file);
        if (why.isPresent()) {
            throw new DslException(List.of(new Problem(new Origin(file.toString(), 0, 0),
                    "refusing to run it as root: " + why.get(),
                    "make the file and every directory above it belong to root and not writable by "
                            + "group or others (chown root FILE; chmod go-w FILE DIR…), or run it as its owner")));
        }
        try {
            return Files.readAllBytes(FileTrust.isRoot() ? file.toRealPath() : file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new DslException(List.of(new Problem(new Origin(file.toString(), 0, 0),
                    "cannot read script: permission denied", "give the user running kvmsh read access (chmod u+r, or run as its owner)")));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DslException(List.of(new Problem(new Origin(file.toString(), 0, 0),
                    "cannot read script: no such file", "check the path")));
        } catch (IOException e) {
            throw new DslException(List.of(new Problem(new Origin(file.toString(), 0, 0),
                    "cannot read script: " + e.getMessage(), "check the path")));
        }
    }
}
