package kvmsh.ssh;

/**
 * A running VM as ssh reaches it.
 *
 * @param vm         the domain's name
 * @param uuid       libvirt's UUID of the domain
 * @param instanceId the instance-id of its cloud-init seed as kvmsh recorded it, or null (no seed of kvmsh's)
 * @param address    its address from a lease: IPv4 when it has one, else IPv6
 * @param login      the login user kvmsh recorded when it defined the VM, or null
 */
public record Guest(String vm, String uuid, String instanceId, String address, String login) {

    /**
     * The name ssh files the guest's host key under in known_hosts instead of its address:
     * {@code kvmsh-UUID}, and with a seed {@code kvmsh-UUID-ID} (ID the instance-id's hash part). A VM
     * made anew on an address another had is another name (no "REMOTE HOST IDENTIFICATION HAS CHANGED"),
     * and so is the same VM after kvmsh gave it new cloud-init data (cloud-init makes new host keys for a
     * new instance-id); the same VM with another key is refused, as ssh refuses any changed key.
     */
    public String hostKeyAlias() {
        String id = instanceId == null ? ""
                : (instanceId.startsWith("kvmsh-") ? instanceId.substring(6) : instanceId).replaceAll("[^A-Za-z0-9.-]", "");
        return "kvmsh-" + uuid + (id.isEmpty() ? "" : "-" + id);
    }
}
