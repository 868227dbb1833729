package kvmsh.dsl

import kvmsh.model.HostModel

/** Loading helpers shared by the DSL specs. */
class DslFixture {

    static final String CWD = new File('').absolutePath

    static HostModel load(String source, ValidationEnv env = new FakeEnv(files: ['/']), List<String> args = []) {
        new ScriptLoader(env).load(source, 't.kvm', args)
    }

    /** The diagnostics a script produces, as printed; fails the test if it loads cleanly. */
    static List<String> problems(String source, ValidationEnv env = new FakeEnv(files: ['/'])) {
        try {
            new ScriptLoader(env).load(source, 't.kvm', [])
        } catch (DslException e) {
            return e.diagnostics()*.toString()
        }
        throw new AssertionError('expected the script to be rejected:\n' + source)
    }
}
