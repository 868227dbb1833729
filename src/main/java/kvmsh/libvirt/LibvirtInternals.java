package kvmsh.libvirt;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.jna.NetworkPointer;

/**
 * The two places kvmsh reaches inside libvirt-java 0.5.4, kept here so a libvirt-java upgrade breaks
 * one small class with a clear message. Neither is public API: {@code Network.vnp} (the
 * virNetworkPtr; package-private, no getter) and {@code LibvirtException(Error)} (package-private).
 * Reflection works both on the class path and on the module path (an automatic module is open).
 * The alternative — a helper class inside package {@code org.libvirt} — breaks on the module path.
 */
final class LibvirtInternals {

    private static final Field NETWORK_POINTER;
    private static final Constructor<LibvirtException> EXCEPTION;

    static {
        try {
            NETWORK_POINTER = Network.class.getDeclaredField("vnp");
            NETWORK_POINTER.setAccessible(true);
            EXCEPTION = LibvirtException.class.getDeclaredConstructor(Error.class);
            EXCEPTION.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    "this libvirt-java is not 0.5.4-compatible (Network.vnp / LibvirtException(Error)): " + e);
        }
    }

    private LibvirtInternals() {
    }

    /** The virNetworkPtr libvirt-java holds for {@code network}; valid while {@code network} is. */
    static NetworkPointer pointer(Network network) {
        try {
            NetworkPointer p = (NetworkPointer) NETWORK_POINTER.get(network);
            if (p == null) {
                throw new IllegalStateException("network object has been freed");
            }
            return p;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read libvirt-java's network pointer", e);
        }
    }

    static LibvirtException exception(Error error) {
        try {
            return EXCEPTION.newInstance(error);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt error: " + error.getMessage(), e);
        }
    }
}
