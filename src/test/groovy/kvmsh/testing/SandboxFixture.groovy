package kvmsh.testing

import java.nio.file.Files
import java.nio.file.Path

import kvmsh.sandbox.Sandbox

/**
 * A sandbox for end-to-end specs, driven as a user drives it: kvmsh's command line with
 * {@code -c sandbox:NAME}, commands inside the sandbox host, guests' serial consoles.
 */
final class SandboxFixture {

    /** How long a TCG guest may take to print what a spec waits for. */
    static final long GUEST_MILLIS = 120_000

    final String name
    final Sandbox sandbox
    final Path dir = Files.createTempDirectory('kvmsh-e2e')
    final long guestMillis

    /**
     * With {@code lan}, the sandbox is on that shared LAN ({@code sandbox up NAME --lan LAN}); with
     * {@code tcp}, its libvirtd listens on TCP too ({@code --tcp}).
     */
    SandboxFixture(String name, long guestMillis = GUEST_MILLIS, String lan = null, boolean tcp = false) {
        this.name = name
        def s = lan == null ? new Sandbox(name) : new Sandbox(name).onLan(lan)
        this.sandbox = tcp ? s.withTcp() : s
        this.guestMillis = guestMillis
    }

    void up() {
        sandbox.up()
    }

    /** Removes the sandbox and the scripts' directory; safe to call after any failure. */
    void down() {
        sandbox.down()
        dir.toFile().deleteDir()
    }

    /** kvmsh's command line against this sandbox. */
    Map kvmsh(String... args) {
        Cli.run(['-c', "sandbox:$name".toString()] + args.toList())
    }

    /** Writes a script for a spec and returns its path. */
    String script(String fileName, String text) {
        Path p = dir.resolve(fileName)
        Files.writeString(p, text)
        p.toString()
    }

    /** The non-empty lines a command prints inside the sandbox host; fails when it fails. */
    List<String> inSandbox(String... cmd) {
        sandbox.exec(cmd.toList()).orThrow().stdout().readLines()*.strip().findAll()
    }

    /** What a guest printed on its serial console so far ("" before it started). */
    String console(String logFile) {
        def r = sandbox.exec(['cat', logFile])
        r.ok() ? r.stdout() : ''
    }

    /** Waits until the console holds {@code count} lines containing {@code line}; returns it. */
    String awaitConsole(String logFile, String line, int count = 1) {
        long deadline = System.currentTimeMillis() + guestMillis
        String text = ''
        while (System.currentTimeMillis() < deadline) {
            text = console(logFile)
            if (text.readLines().count { it.contains(line) } >= count) {
                return text
            }
            sleep(500)
        }
        throw new AssertionError("no ${count}x '$line' in $logFile after ${guestMillis / 1000} s:\n$text")
    }
}
