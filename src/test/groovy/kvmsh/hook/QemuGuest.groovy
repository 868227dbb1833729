package kvmsh.hook

import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kvmsh.sandbox.GuestImage

/**
 * A raw {@code qemu-system-x86_64 -accel tcg} running the tiny test guest inside a network
 * namespace, its tap set up by qemu's {@code script=}/{@code downscript=} — the way the seed's
 * users start VMs. The serial console is the process's stdin/stdout: the guest reports there
 * ({@code KVMSH lease …}) and, with {@code kvmsh.shell=1}, takes commands.
 */
class QemuGuest implements AutoCloseable {

    static final long WAIT_MILLIS = 120_000

    final String name
    final Process process
    final StringBuffer console = new StringBuffer()
    private int typed

    QemuGuest(String name, String ns, Map<String, String> env, GuestImage image, String tap, String mac,
              String up, String down, String cmdline) {
        this.name = name
        List<String> cmd = ['ip', 'netns', 'exec', ns, 'env'] + env.collect { k, v -> "$k=$v".toString() } + [
                'qemu-system-x86_64', '-accel', 'tcg', '-m', '128', '-nodefaults', '-display', 'none',
                '-no-reboot', '-kernel', image.kernel().toString(), '-initrd', image.initrd().toString(),
                '-append', cmdline, '-serial', 'stdio',
                '-netdev', "tap,id=n0,ifname=$tap,script=$up,downscript=$down".toString(),
                '-device', "virtio-net-pci,netdev=n0,mac=$mac".toString()]
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        Thread.startDaemon("qemu-$name") {
            try {
                process.inputStream.withReader { r ->
                    int c
                    while ((c = r.read()) >= 0) {
                        console.append((char) c)
                    }
                }
            } catch (IOException ignored) {
                // close() destroyed qemu while this thread read: the console has ended, which is all it means.
            }
        }
    }

    /** Waits for {@code text} on the console and returns the console so far. */
    String await(String text, long millis = WAIT_MILLIS) {
        long deadline = System.currentTimeMillis() + millis
        while (System.currentTimeMillis() < deadline) {
            if (console.indexOf(text) >= 0) {
                return console.toString()
            }
            if (!process.alive) {
                break
            }
            sleep(200)
        }
        throw new AssertionError("$name: no '$text' on the console:\n$console")
    }

    /** Runs a shell command in the guest (kvmsh.shell=1) and returns true when it succeeded. */
    boolean ok(String command) {
        int n = ++typed
        // The console echoes what is typed: quote the markers so only the command's output has them.
        process.outputStream.write(("$command >/dev/null 2>&1 && echo \"R$n\"\"OK\" || echo \"R$n\"\"FAIL\"\n").bytes)
        process.outputStream.flush()
        long deadline = System.currentTimeMillis() + 60_000
        while (System.currentTimeMillis() < deadline) {
            if (console.indexOf("R${n}OK") >= 0) {
                return true
            }
            if (console.indexOf("R${n}FAIL") >= 0) {
                return false
            }
            sleep(100)
        }
        throw new AssertionError("$name: no result for '$command':\n$console")
    }

    /** Pings {@code address} from the guest (three tries). */
    boolean pings(String address) {
        ok("ping -c 1 -W 2 $address || ping -c 1 -W 2 $address || ping -c 1 -W 2 $address")
    }

    /** Waits for qemu to end by itself (the guest powered off); its downscript has run by then. */
    int awaitExit(long millis = WAIT_MILLIS) {
        assert process.waitFor(millis, TimeUnit.MILLISECONDS): "$name did not power off:\n$console"
        process.exitValue()
    }

    /** Ends qemu the way a user does (SIGTERM): qemu runs its downscript on the way out. */
    int stop() {
        process.destroy()
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            process.waitFor()
        }
        process.exitValue()
    }

    @Override
    void close() {
        if (process.alive) {
            stop()
        }
    }

    static String lease(String console) {
        (console =~ /KVMSH lease (\S+)/).with { it.find() ? it.group(1) : null }
    }
}
