package kvmsh.libvirt;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;

/**
 * Domain lifecycle events as they happen (started, suspended, resumed, shutdown, stopped …), for
 * the {@code watch} statement and the REPL. libvirt delivers events only to connections opened
 * after its event loop was registered, and only while something runs that loop: so this class
 * opens its own connection, and runs libvirt's loop on one daemon thread of its own.
 *
 * <p>Example: {@code try (var ev = DomainEvents.open(uri)) { ev.next(Duration.ofSeconds(5)); }}
 */
public final class DomainEvents implements AutoCloseable {

    /**
     * One event.
     *
     * @param at     when kvmsh received it
     * @param domain the domain's name
     * @param type   started, suspended, resumed, stopped, shutdown, defined, undefined, crashed …
     * @param detail libvirt's detail, e.g. booted, destroyed, shutdown, snapshot
     */
    public record Event(Instant at, String domain, String type, String detail) {
        @Override
        public String toString() {
            return domain + " " + type + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    // libvirt's event loop is process-wide (virEventRegisterDefaultImpl): one thread runs it for all.
    private static final AtomicBoolean LOOP_STARTED = new AtomicBoolean();

    private final Connect conn;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final LifecycleListener listener;

    private DomainEvents(Connect conn) throws LibvirtException {
        this.conn = conn;
        this.listener = (Domain d, DomainEvent e) -> {
            queue.add(new Event(Instant.now(), name(d), e.getType().name().toLowerCase(), detail(e)));
            return 0;
        };
        conn.addLifecycleListener(listener);
    }

    /** Starts listening to every domain of {@code uri}. */
    public static DomainEvents open(String uri) throws LibvirtException {
        startLoop();
        return new DomainEvents(new Connect(uri));
    }

    private static void startLoop() throws LibvirtException {
        Library.initEventLoop();
        if (LOOP_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    Library.runEventLoop();
                } catch (LibvirtException | InterruptedException e) {
                    LOOP_STARTED.set(false);
                }
            }, "libvirt-event-loop");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The next event, waiting at most {@code timeout}. */
    public Optional<Event> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    private static String name(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "?";
        }
    }

    private static String detail(DomainEvent e) {
        try {
            Object detail = e.getDetail();
            return detail == null ? "" : detail.toString().toLowerCase();
        } catch (RuntimeException ex) {
            // A detail code newer than libvirt-java's enums.
            return "";
        }
    }

    @Override
    public void close() {
        try {
            conn.removeLifecycleListener(listener);
        } catch (LibvirtException e) {
            // The connection is going away anyway.
        }
        try {
            conn.close();
        } catch (LibvirtException e) {
            // Nothing left to release.
        }
    }
}
