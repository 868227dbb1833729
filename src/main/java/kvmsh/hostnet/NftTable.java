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

    /**
     * Makes network {@code name}'s chains hold {@code script}'s rules, loading it only when they
     * may not: when {@code state} (what the last load left, see {@link #state}) no longer matches
     * the script or nft's listing of those chains — another declaration, a firewall reload that
     * flushed them, a hand edit. A hook joining an unchanged network lists instead of loading: a
     * listing costs nft a few ms, a transaction with base chains three times as much.
     *
     * @return true when it loaded
     */
    boolean ensure(String name, String script, java.nio.file.Path state) {
        if (state(script, listing(name)).equals(RunFiles.readOrNull(state))) {
            return false;
        }
        load(script);
        migrateLegacy(name);
        RunFiles.write(state, state(script, listing(name)));
        return true;
    }

    /**
     * Moves network {@code name} out of {@code table ip kvmsh}, where kvmsh kept IPv4-only rules
     * before its table covered IPv6: its old chains are deleted (its new ones were loaded just
     * before, so there is no gap), and the old table goes once no chain is left in it. Only when
     * loading, which an upgrade always does (the rules differ), so a hook joining an up network
     * pays nothing for it.
     */
    void migrateLegacy(String name) {
        List<String> legacy = chains(NftRuleset.LEGACY_FAMILY);
        if (legacy == null) {
            return;
        }
        if (legacy.stream().anyMatch(NftRuleset.chains(name)::contains)) {
            load(NftRuleset.removeLegacy(name));
            legacy = chains(NftRuleset.LEGACY_FAMILY);
        }
        if (legacy != null && legacy.isEmpty()) {
            load(NftRuleset.removeTable(NftRuleset.LEGACY_FAMILY));
        }
    }

    private static String state(String script, String listing) {
        return script + "# chains as nft lists them after loading:\n" + listing;
    }

    /**
     * Network {@code name}'s chains as {@code nft list table} prints them (rules in nft's own
     * notation, no handles or counters), in table order; empty when there is no table or chain.
     */
    String listing(String name) {
        CommandResult r = runner.run("nft", "list", "table", NftRuleset.FAMILY, NftRuleset.TABLE);
        if (!r.ok()) {
            if (!exists(NftRuleset.FAMILY)) {
                return "";
            }
            r.orThrow();
        }
        List<String> ours = NftRuleset.chains(name);
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : r.stdout().split("\n")) {
            String t = line.strip();
            if (!in && t.startsWith("chain ") && t.endsWith("{")
                    && ours.contains(t.substring("chain ".length(), t.length() - 1).strip())) {
                in = true;
            }
            if (in) {
                out.append(t).append('\n');
                in = !t.equals("}");
            }
        }
        return out.toString();
    }

    /**
     * Whether kvmsh's table of {@code family} exists, from nft's list of tables: a listing of one
     * table that failed is explained by its absence only when that list says so (not by nft's
     * wording). Asked only after such a failure, so an up network's hook pays nothing for it.
     */
    private boolean exists(String family) {
        CommandResult r = runner.run("nft", "-j", "list", "tables").orThrow();
        Map<?, ?> doc = (Map<?, ?>) new JsonSlurper().parseText(r.stdout());
        for (Object o : (List<?>) doc.get("nftables")) {
            if (((Map<?, ?>) o).get("table") instanceof Map<?, ?> t
                    && family.equals(t.get("family")) && NftRuleset.TABLE.equals(t.get("name"))) {
                return true;
            }
        }
        return false;
    }

    /** Chains in our table; empty when the table does not exist. */
    List<String> chains() {
        List<String> chains = chains(NftRuleset.FAMILY);
        return chains == null ? List.of() : chains;
    }

    /** Chains in kvmsh's table of {@code family}; null when there is no such table. */
    private List<String> chains(String family) {
        CommandResult r = runner.run("nft", "-j", "list", "table", family, NftRuleset.TABLE);
        if (!r.ok()) {
            if (!exists(family)) {
                return null;
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
        migrateLegacy(name);
        if (chains().isEmpty()) {
            load(NftRuleset.removeTable());
            return true;
        }
        return false;
    }
}
