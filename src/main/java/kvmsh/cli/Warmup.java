package kvmsh.cli;

/**
 * Starts the two slow one-time initializations a script command needs — Groovy's runtime (its
 * metaclass registry, about 0.15 s in a fresh JVM) and libvirt's native library through JNA — on a
 * thread of its own, while the main thread builds the command line and reads the script. Both
 * are plain class and library initialization, which the JVM makes safe to race: whichever thread
 * comes second waits for the first. A failure here changes nothing; the main thread meets it again
 * where it is reported properly.
 */
final class Warmup {

    private Warmup() {
    }

    /** Starts the warm-up for a command that runs a script (run, plan, down, the REPL). */
    static Thread start() {
        // One thread, Groovy first: the main thread needs it first (for the script), libvirt only
        // after that, and on two cores a third busy thread would slow the main one down.
        return thread("kvmsh-warmup", () -> {
            groovy.lang.GroovySystem.getMetaClassRegistry();
            // The metaclasses a script's first statements dispatch through.
            org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(kvmsh.dsl.KvmshScript.class);
        }, kvmsh.libvirt.LibvirtErrors::silence);
    }

    private static Thread thread(String name, Runnable... steps) {
        Thread t = new Thread(() -> {
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException | LinkageError e) {
                    // Met again, and reported, where the main thread needs it.
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
