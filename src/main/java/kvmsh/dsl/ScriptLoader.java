package kvmsh.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DslException(List.of(new Diagnostic(new Origin(file.toString(), 0, 0),
                    "cannot read script: " + e.getMessage(), "check the path")));
        }
        return loadScript(source, file.toString(), args);
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
        Path parent = Path.of(fileName).toAbsolutePath().getParent();
        DslSession session = new DslSession(parent == null ? Path.of("").toAbsolutePath() : parent, env, args);
        List<Diagnostic> problems = new ArrayList<>(session.eval(source, fileName).problems());
        HostModel model = null;
        List<HookDef> hooks = List.of();
        try {
            model = session.model(fileName);
        } catch (DslException e) {
            problems.addAll(e.diagnostics());
        }
        try {
            hooks = session.hooks();
        } catch (DslException e) {
            problems.addAll(e.diagnostics());
        }
        if (problems.isEmpty()) {
            return new LoadedScript(model, hooks);
        }
        // Like compiler output: in source order, whichever check found them.
        problems.sort(Comparator.comparingInt((Diagnostic d) -> d.origin().line())
                .thenComparingInt(d -> d.origin().column()));
        throw new DslException(problems);
    }

}
