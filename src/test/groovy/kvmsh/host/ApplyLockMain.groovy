package kvmsh.host

import java.nio.file.Path

/**
 * Another process for ApplyLockSpec: {@code hold DIR KEY} takes the lock, says "held" and sleeps until it is
 * killed; {@code try DIR KEY} takes it and lets go ("acquired"), or says who holds it and exits 7.
 */
class ApplyLockMain {
    static void main(String[] args) {
        try {
            def lock = ApplyLock.acquire(Path.of(args[1]), [args[2]], 'kvmsh run /srv/other.kvm')
            if (args[0] == 'hold') {
                println 'held'
                System.out.flush()
                Thread.sleep(600_000)
            }
            lock.close()
            println 'acquired'
        } catch (ApplyLock.HeldException e) {
            println 'refused: ' + e.message
            System.exit(7)
        }
    }
}
