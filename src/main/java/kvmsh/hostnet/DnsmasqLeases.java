package kvmsh.hostnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The leases the host driver's dnsmasq of a network has handed out, read from its lease file in the
 * run directory ({@link RunDirectory#dnsmasqLeases}), the way libvirt's API reports its own
 * networks' leases: for {@code kvmsh ssh}, which looks a guest's address up by its MAC.
 * <p>
 * dnsmasq writes one lease a line, {@code EXPIRY MAC IP HOSTNAME CLIENT-ID} for DHCPv4; after a
 * {@code duid SERVER-DUID} line come the DHCPv6 leases, {@code EXPIRY IAID IP HOSTNAME CLIENT-DUID},
 * which carry no MAC: it is taken from a client DUID of type LLT or LL on Ethernet (RFC 8415 11.2,
 * 11.4), which ends with it; other DUIDs give no MAC. A hostname of {@code *} means none.
 */
public final class DnsmasqLeases {

    /**
     * One lease.
     *
     * @param mac      the client's MAC, lower case, or null (a DHCPv6 client whose DUID does not hold it)
     * @param ip       the leased address
     * @param hostname the name the client sent, or null
     * @param expiry   when it expires, seconds since the epoch (0: never)
     */
    public record Lease(String mac, String ip, String hostname, long expiry) {
    }

    private DnsmasqLeases() {
    }

    /**
     * The leases of the host-driver network whose bridge is {@code bridge}, or empty when the host
     * driver runs no network on that bridge (it is libvirt's, or nobody's).
     */
    public static Optional<List<Lease>> ofBridge(RunDirectory run, String bridge) {
        return NetworkRecord.all(run).filter(r -> r.bridge().equals(bridge)).findFirst()
                .map(r -> {
                    String text = RunFiles.readOrNull(run.dnsmasqLeases(r.name()));
                    return text == null ? List.of() : parse(text);
                });
    }

    /** The leases in a lease file's text; lines it cannot read are skipped. */
    public static List<Lease> parse(String text) {
        List<Lease> leases = new ArrayList<>();
        boolean six = false;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("duid")) {
                six = true;
                continue;
            }
            if (f.length < 4 || !f[0].matches("\\d+")) {
                continue;
            }
            String hostname = f[3].equals("*") ? null : f[3];
            String mac = six ? (f.length >= 5 ? macOfDuid(f[4]) : null) : f[1].toLowerCase(Locale.ROOT);
            leases.add(new Lease(mac, f[2], hostname, Long.parseLong(f[0])));
        }
        return List.copyOf(leases);
    }

    /** The Ethernet MAC at the end of a DUID-LLT ({@code 00:01:00:01:TIME:MAC}) or DUID-LL ({@code 00:03:00:01:MAC}), or null. */
    static String macOfDuid(String duid) {
        String d = duid.toLowerCase(Locale.ROOT);
        String[] octets = d.split(":");
        boolean llt = d.startsWith("00:01:00:01:") && octets.length == 14;
        boolean ll = d.startsWith("00:03:00:01:") && octets.length == 10;
        if (!llt && !ll) {
            return null;
        }
        return String.join(":", java.util.Arrays.copyOfRange(octets, octets.length - 6, octets.length));
    }
}
