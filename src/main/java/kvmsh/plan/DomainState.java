package kvmsh.plan;

import java.util.Optional;

/**
 * A libvirt domain as it is on the host.
 *
 * @param name      domain name
 * @param running   running (or paused) now
 * @param autostart starts with the host
 * @param owner     kvmsh's metadata, empty when kvmsh does not manage this domain
 * @param xml       the persistent (inactive) definition, kept to preserve uuid/MACs and to restore it
 */
public record DomainState(String name, boolean running, boolean autostart, Optional<Ownership> owner, String xml) {
}
