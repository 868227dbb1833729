package kvmsh.hostnet;

import groovy.json.JsonSlurper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvmsh.host.CommandResult;
import kvmsh.host.CommandRunner;

/** Loads {@link NftRuleset} scripts with {@code nft -f -} and reads our table back with {@code nft -j}. */
final class NftTable {

    private final CommandRunner runner;

    NftTable(CommandRunner runner) {
        this.runner = runner;
    }

    /** Loads {@code script} as one transaction: all of it or none of it. */
    void load(String script) {
        runner.run(List.of("nft", "-f", "-"), script).orThrow();
    }

    /** Chains in our table; empty when the table does not exist. */
    List<String> chains() {
        CommandResult r = runner.run("nft", "-j", "list", "table", NftRuleset.FAMILY, NftRuleset.TABLE);
        if (!r.ok()) {
            if (r.stderr().contains("No such file or directory")) {
                return List.of();
            }
            r.orThrow();
        }
        List<String> chains = new ArrayList<>();
        Map<?, ?> doc = (Map<?, ?>) new JsonSlurper().parseText(r.stdout());
        for (Object o : (List<?>) doc.get("nftables")) {
            Object chain = ((Map<?, ?>) o).get("chain");
            if (chain instanceof Map<?, ?> c) {
                chains.add(String.valueOf(c.get("name")));
            }
        }
        return chains;
    }

    /**
     * Deletes network {@code name}'s chains, and our table when no chain is left in it.
     *
     * @return true when the table is gone
     */
    boolean removeNetwork(String name) {
        load(NftRuleset.remove(name));
        if (chains().isEmpty()) {
            load(NftRuleset.removeTable());
            return true;
        }
        return false;
    }
}
