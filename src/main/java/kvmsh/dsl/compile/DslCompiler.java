package kvmsh.dsl.compile;


import kvmsh.dsl.KvmshScript;
import groovy.transform.ThreadInterrupt;
import java.util.Set;
import java.util.function.Supplier;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/** The one place the compiler is set up for kvmsh scripts: base class, imports, transforms. */
public final class DslCompiler {

    private DslCompiler() {
    }

    public static CompilerConfiguration configuration() {
        return configuration(false, Set::of);
    }

    /**
     * @param interactive      for a REPL: top-level variables and functions live in the binding, so
     *                         later entries see them; loops and closures check for Ctrl-C (thread interrupt)
     * @param sessionFunctions names of functions earlier entries defined (for the {@code fn 'x' { }} shape)
     */
    public static CompilerConfiguration configuration(boolean interactive, Supplier<Set<String>> sessionFunctions) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(KvmshScript.class.getName());
        config.setSourceEncoding("UTF-8");
        // Scripts that compute paths should not need imports for it.
        ImportCustomizer imports = new ImportCustomizer().addImports("java.nio.file.Path", "java.nio.file.Files");
        // Order matters only for readability: shapes first, then every (rewritten) statement gets its marker.
        config.addCompilationCustomizers(imports, new BlockShapeTransformer(sessionFunctions), new KeywordText(),
                new StatementLocator(), new ExitCheck());
        if (interactive) {
            // After the shape rewrite, which needs the entry's own methods to recognise 'fn "x" { }'.
            config.addCompilationCustomizers(new BindingDeclarations());
        }
        // Loops, closures and methods check for a thread interrupt: Ctrl-C in a REPL, EvalWatchdog's limit elsewhere.
        config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        return config;
    }
}
