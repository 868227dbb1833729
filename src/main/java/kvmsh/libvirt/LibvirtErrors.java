package kvmsh.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * libvirt prints every error to stderr itself (as {@code libvirt: … error : …}) before libvirt-java
 * turns it into a {@link LibvirtException}; kvmsh reports errors its own way, so it silences that.
 */
public final class LibvirtErrors {

    /**
     * The installed no-op handler. libvirt keeps only a native pointer to it, so without this
     * strong reference the JNA callback could be garbage-collected and libvirt would call freed code.
     */
    private static final Libvirt.VirErrorCallback IGNORE = LibvirtErrors::ignore;

    private LibvirtErrors() {
    }

    /** Stops libvirt from printing errors to stderr (process-wide; idempotent). */
    public static void silence() {
        try {
            Connect.setErrorCallback(IGNORE);
        } catch (LibvirtException e) {
            // virSetErrorFunc cannot fail; libvirt-java only declares the exception.
            throw new IllegalStateException(describe(e), e);
        }
    }

    /** Whether libvirt failed with error {@code code} (decisions are taken on codes, never on messages). */
    public static boolean is(LibvirtException e, org.libvirt.Error.ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }

    /** One clear line: libvirt's message, without the {@code error: } prefix, level dump or stack. */
    public static String describe(LibvirtException e) {
        String message = e.getError() != null ? e.getError().getMessage() : null;
        if (message == null || message.isBlank()) {
            message = e.getMessage();
        }
        if (message == null || message.isBlank()) {
            return "libvirt error (no message)";
        }
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
        while (message.regionMatches(true, 0, "error: ", 0, 7)) {
            message = message.substring(7).strip();
        }
        return message;
    }

    private static void ignore(Pointer userData, virError error) {
        // Deliberately empty: the error still reaches the caller as a LibvirtException.
    }
}
