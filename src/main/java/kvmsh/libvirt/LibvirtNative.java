package kvmsh.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.NetworkPointer;
import org.libvirt.jna.virError;

/**
 * The libvirt calls libvirt-java 0.5.4 lacks, bound with JNA against {@code libvirt.so.0}:
 * {@code virNetworkUpdate}, {@code virNetworkGetDHCPLeases} and {@code virDomainRename}. Failures surface as the same
 * {@link LibvirtException} libvirt-java throws, so callers handle one exception type.
 */
public final class LibvirtNative {

    /** virNetworkUpdateCommand (libvirt-network.h). */
    public enum Command {
        MODIFY(1), DELETE(2), ADD_LAST(3), ADD_FIRST(4);

        final int value;

        Command(int value) {
            this.value = value;
        }
    }

    /** The virNetworkUpdateSection values kvmsh edits (libvirt-network.h). */
    public enum Section {
        IP_DHCP_HOST(4), IP_DHCP_RANGE(5);

        final int value;

        Section(int value) {
            this.value = value;
        }
    }

    // virNetworkUpdateFlags
    static final int AFFECT_LIVE = 1;
    static final int AFFECT_CONFIG = 1 << 1;

    /** The functions bound here; the rest of libvirt stays with libvirt-java. */
    interface Api extends Library {
        int virNetworkUpdate(NetworkPointer network, int command, int section, int parentIndex, String xml,
                             int flags);

        int virNetworkGetDHCPLeases(NetworkPointer network, String mac, PointerByReference leases, int flags);

        void virNetworkDHCPLeaseFree(Pointer lease);

        int virDomainRename(org.libvirt.jna.DomainPointer domain, String newName, int flags);
    }

    /**
     * struct _virNetworkDHCPLease as of libvirt 9.0; JNA inserts the padding C does. Public only
     * because JNA reads the fields reflectively; not part of kvmsh's API (see {@link DhcpLease}).
     */
    @Structure.FieldOrder({"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix", "hostname",
            "clientid"})
    public static final class LeaseStruct extends Structure {
        public String iface;
        public long expirytime;
        public int type;
        public String mac;
        public String iaid;
        public String ipaddr;
        public int prefix;
        public String hostname;
        public String clientid;

        LeaseStruct(Pointer p) {
            super(p);
            read();
        }
    }

    // Loaded on first use, so classes that merely mention LibvirtNative work without libvirt.
    private static final class Holder {
        static final Api API = Native.load("virt", Api.class);
    }

    private LibvirtNative() {
    }

    /**
     * Applies one {@code virNetworkUpdate} to the network's first IPv4 {@code <ip>}. The change goes
     * to the persistent config and, when the network is running, to its live state too (libvirt
     * refuses AFFECT_LIVE on an inactive network, and AFFECT_CONFIG on a transient one).
     *
     * @param xml the element to add/delete/modify, e.g. from {@link XmlRenderer#dhcpHost}
     */
    public static void networkUpdate(Network network, Command command, Section section, String xml)
            throws LibvirtException {
        int flags = updateFlags(network.isActive() == 1, network.isPersistent() == 1);
        try {
            check(Holder.API.virNetworkUpdate(pointer(network), command.value, section.value, -1, xml.strip(),
                    flags));
        } finally {
            // libvirt-java frees the virNetworkPtr in Network.finalize(): keep it alive during the call.
            Reference.reachabilityFence(network);
        }
    }

    /**
     * virNetworkUpdateFlags for a network's state. AFFECT_CURRENT (0) would touch only the live state
     * of a running persistent network, leaving the config to undo the change on the next restart.
     */
    static int updateFlags(boolean active, boolean persistent) {
        return (active ? AFFECT_LIVE : 0) | (persistent ? AFFECT_CONFIG : 0);
    }

    /**
     * Like {@link #networkUpdate} but on the running network only: for when the persistent
     * definition has just been written with networkDefineXML.
     */
    public static void networkUpdateLive(Network network, Command command, Section section, String xml)
            throws LibvirtException {
        try {
            check(Holder.API.virNetworkUpdate(pointer(network), command.value, section.value, -1, xml.strip(),
                    AFFECT_LIVE));
        } finally {
            Reference.reachabilityFence(network);
        }
    }

    /**
     * Replaces a DHCP range. libvirt cannot MODIFY a range ("dhcp ranges cannot be modified, only
     * added or deleted"), so this adds the new one first and then deletes the old one: a running
     * network never is without a range in between.
     */
    public static void replaceDhcpRange(Network network, String oldRangeXml, String newRangeXml)
            throws LibvirtException {
        networkUpdate(network, Command.ADD_LAST, Section.IP_DHCP_RANGE, newRangeXml);
        networkUpdate(network, Command.DELETE, Section.IP_DHCP_RANGE, oldRangeXml);
    }

    /** Renames a (stopped) domain: libvirt keeps its UUID and everything else (virDomainRename). */
    public static void domainRename(org.libvirt.Domain domain, String newName) throws LibvirtException {
        try {
            check(Holder.API.virDomainRename(LibvirtInternals.pointer(domain), newName, 0));
        } finally {
            Reference.reachabilityFence(domain);
        }
    }

    /** The network's current DHCP leases (needs a running network on a driver with DHCP: not test:///). */
    public static List<DhcpLease> dhcpLeases(Network network) throws LibvirtException {
        PointerByReference ref = new PointerByReference();
        int count;
        try {
            count = check(Holder.API.virNetworkGetDHCPLeases(pointer(network), null, ref, 0));
        } finally {
            Reference.reachabilityFence(network);
        }
        return takeLeases(ref.getValue(), count);
    }

    /**
     * Copies {@code count} leases out of libvirt's array and frees them: each lease with
     * virNetworkDHCPLeaseFree, then the array itself, as virNetworkGetDHCPLeases documents.
     */
    static List<DhcpLease> takeLeases(Pointer array, int count) {
        List<DhcpLease> leases = new ArrayList<>(count);
        if (array == null) {
            return leases;
        }
        try {
            for (int i = 0; i < count; i++) {
                LeaseStruct s = new LeaseStruct(array.getPointer((long) i * Native.POINTER_SIZE));
                leases.add(new DhcpLease(s.mac, s.ipaddr, s.prefix, s.hostname,
                        Instant.ofEpochSecond(s.expirytime)));
            }
        } finally {
            for (int i = 0; i < count; i++) {
                Holder.API.virNetworkDHCPLeaseFree(array.getPointer((long) i * Native.POINTER_SIZE));
            }
            Native.free(Pointer.nativeValue(array));
        }
        return leases;
    }

    /** Turns libvirt's -1 into the LibvirtException libvirt-java would throw. */
    private static int check(int result) throws LibvirtException {
        if (result >= 0) {
            return result;
        }
        virError last = Libvirt.INSTANCE.virGetLastError();
        if (last == null) {
            throw new IllegalStateException("libvirt call failed without reporting an error");
        }
        throw LibvirtInternals.exception(new Error(last));
    }

    private static NetworkPointer pointer(Network network) {
        return LibvirtInternals.pointer(network);
    }
}
