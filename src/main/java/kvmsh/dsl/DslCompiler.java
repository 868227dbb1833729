package kvmsh.dsl;

import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/** The one place the compiler is set up for kvmsh scripts: base class, imports, transforms. */
final class DslCompiler {

    private DslCompiler() {
    }

    static CompilerConfiguration configuration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(KvmshScript.class.getName());
        config.setSourceEncoding("UTF-8");
        // Scripts that compute paths should not need imports for it.
        ImportCustomizer imports = new ImportCustomizer().addImports("java.nio.file.Path", "java.nio.file.Files");
        // Order matters only for readability: shapes first, then every (rewritten) statement gets its marker.
        config.addCompilationCustomizers(imports, new BlockShapeTransformer(), new StatementLocator());
        return config;
    }
}
