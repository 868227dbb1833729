package kvmsh.plan;

import kvmsh.model.Origin;

/**
 * Something that stops a plan before it touches the host, located in the script:
 * {@code file:line:col: problem — fix}.
 */
public record Problem(Origin origin, String problem, String fix) {

    @Override
    public String toString() {
        return origin + ": " + problem + (fix == null || fix.isEmpty() ? "" : " — " + fix);
    }
}
