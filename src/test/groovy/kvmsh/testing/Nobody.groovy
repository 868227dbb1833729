package kvmsh.testing

import java.nio.file.Path

/**
 * The unprivileged attacker of the trust specs: commands run as the system's {@code nobody}
 * through {@code setpriv}, so what they create really belongs to somebody else than root.
 */
final class Nobody {

    static final int UID = 65534

    private Nobody() {
    }

    /** True when this JVM is root and can become nobody. */
    static boolean available() {
        ['id', '-u'].execute().text.trim() == '0' && new File('/usr/bin/setpriv').canExecute()
    }

    /** Runs {@code script} with {@code sh -c} as nobody; fails the test when it fails. */
    static String sh(String script, String arg0 = 'sh') {
        def p = new ProcessBuilder('setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--',
                'sh', '-c', script, arg0).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0, "as nobody: $script: $out"
        out
    }

    /** A directory nobody owns (mode 0755) inside {@code parent}, which nobody must be able to enter. */
    static Path dir(Path parent, String name) {
        Path d = parent.resolve(name)
        ['install', '-d', '-o', 'nobody', '-m', '0755', d.toString()].execute().waitFor()
        d
    }
}
