package kvmsh.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kvmsh.model.OpDef;

/**
 * What the scripts of one session have declared so far, in order. Running a script only adds
 * here; nothing touches a host. A REPL session keeps one instance across snippets.
 */
final class Declarations {

    final List<NetworkSpec> networks = new ArrayList<>();
    final List<VmSpec> vms = new ArrayList<>();
    final List<OpDef> ops = new ArrayList<>();
    final List<HookDef> hooks = new ArrayList<>();
    final Problems problems = new Problems();
    /** Relative paths in scripts resolve against this directory. */
    final Path baseDir;

    Declarations(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    String absolute(String path) {
        return baseDir.resolve(path).normalize().toString();
    }
}
