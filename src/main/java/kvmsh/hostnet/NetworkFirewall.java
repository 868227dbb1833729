package kvmsh.hostnet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvmsh.host.CommandRunner;
import kvmsh.model.NetworkDef;

/**
 * kvmsh's nft chains for a network another program runs: a libvirt network with port forwards,
 * which libvirt runs in its open mode (no rules of its own), so that its NAT, its isolation from
 * other networks and its forwards are the chains {@link NftRuleset} renders for the host driver's
 * NAT networks, in the same table, loaded the same way (one transaction each). On the hypervisor
 * host where {@code runner} runs commands: this machine or a sandbox's namespace.
 */
public final class NetworkFirewall {

    private static final Pattern CHAIN = Pattern.compile("^\tchain (\\S+) \\{$", Pattern.MULTILINE);

    private final NftTable nft;

    public NetworkFirewall(CommandRunner runner) {
        this.nft = new NftTable(runner);
    }

    /** Makes network {@code def}'s chains hold its rules, replacing what they held (also none). */
    public void load(NetworkDef def) {
        nft.load(NftRuleset.render(def));
    }

    /** Deletes network {@code name}'s chains, and the table once it is empty; nothing when it has none. */
    public void remove(String name) {
        if (nft.chains().stream().anyMatch(NftRuleset.chains(name)::contains)) {
            nft.removeNetwork(name);
        }
    }

    /** The chains {@link #load} makes for {@code def} that {@code present} (see {@link #chains}) lacks. */
    public static List<String> missing(NetworkDef def, List<String> present) {
        List<String> out = new ArrayList<>();
        Matcher m = CHAIN.matcher(NftRuleset.render(def));
        while (m.find()) {
            if (!present.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The chains in kvmsh's table now; empty when there is no table. */
    public List<String> chains() {
        return nft.chains();
    }
}
