package kvmsh.model;

import java.util.Map;

/**
 * An imperative statement of a script ({@code start 'web'}, {@code move 'vnet1', to: 'lan'} …).
 * Scripts run them in order, after the declarations have been converged.
 *
 * @param verb    what to do
 * @param target  the VM or network it acts on (the hypervisor for {@code evacuate}; null for {@code list})
 * @param options named arguments, e.g. {@code to} for {@code move}
 * @param origin  where the statement is
 */
public record OpDef(Verb verb, String target, Map<String, String> options, Origin origin) {

    public OpDef {
        options = Map.copyOf(options);
    }

    public enum Verb {
        START, SHUTDOWN, DESTROY, UNDEFINE, LIST, INFO, LEASES, MOVE_NIC,
        REBOOT, SUSPEND, RESUME, AUTOSTART, SNAPSHOT, REVERT, DELETE_SNAPSHOT, SNAPSHOTS, WAIT_FOR_LEASE, STATS, WATCH,
        MIGRATE, EVACUATE,
        /** {@code waitForSsh}: after the apply, for a VM this run created or started only (see {@link #afterStart}). */
        WAIT_FOR_SSH,
        /** {@code ssh}: one command in the guest, for a VM this run created or started only. */
        SSH;

        /**
         * Whether statements of this verb run only for a VM the run creates or starts (as provisioners
         * do), so an unchanged script plans none of them; every other statement runs at every run.
         */
        public boolean afterStart() {
            return this == WAIT_FOR_SSH || this == SSH;
        }

        /** The script keyword that makes this statement ({@code waitForLease} for WAIT_FOR_LEASE). */
        public String keyword() {
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (char c : name().toLowerCase().toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    sb.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return sb.toString();
        }
    }
}
