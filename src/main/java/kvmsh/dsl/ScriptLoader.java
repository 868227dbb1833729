package kvmsh.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kvmsh.model.HostModel;
import kvmsh.model.Origin;

/**
 * Loads a .kvm script into a validated {@link HostModel}: compile, run (collects only), build,
 * validate. Every problem of the script is reported at once in one {@link DslException}.
 */
public final class ScriptLoader {

    private final ValidationEnv env;

    public ScriptLoader(ValidationEnv env) {
        this.env = env;
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
        return new EvaluatedScript(session, fileName, session.eval(source, fileName).problems());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DslException(List.of(new Diagnostic(new Origin(file.toString(), 0, 0),
                    "cannot read script: " + e.getMessage(), "check the path")));
        }
    }
}
