package kvmsh.libvirt;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.jna.NetworkPointer;

/**
 * The places kvmsh reaches inside libvirt-java 0.5.4, kept here so a libvirt-java upgrade breaks
 * one small class with a clear message. None is public API: {@code Network.vnp} and {@code Domain.vdp} (the
 * virNetworkPtr and virDomainPtr; package-private, no getter) and {@code LibvirtException(Error)} (package-private).
 * Reflection works both on the class path and on the module path (an automatic module is open).
 * The alternative — a helper class inside package {@code org.libvirt} — breaks on the module path.
 */
final class LibvirtInternals {

    private static final Field NETWORK_POINTER;
    private static final Field DOMAIN_POINTER;
    private static final Constructor<LibvirtException> EXCEPTION;

    static {
        try {
            NETWORK_POINTER = Network.class.getDeclaredField("vnp");
            NETWORK_POINTER.setAccessible(true);
            DOMAIN_POINTER = org.libvirt.Domain.class.getDeclaredField("vdp");
            DOMAIN_POINTER.setAccessible(true);
            EXCEPTION = LibvirtException.class.getDeclaredConstructor(Error.class);
            EXCEPTION.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    "this libvirt-java is not 0.5.4-compatible (Network.vnp, Domain.vdp, LibvirtException(Error)): " + e);
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

    /** The virDomainPtr libvirt-java holds for {@code domain}; valid while {@code domain} is. */
    static org.libvirt.jna.DomainPointer pointer(org.libvirt.Domain domain) {
        try {
            org.libvirt.jna.DomainPointer p = (org.libvirt.jna.DomainPointer) DOMAIN_POINTER.get(domain);
            if (p == null) {
                throw new IllegalStateException("domain object has been freed");
            }
            return p;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read libvirt-java's domain pointer", e);
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
