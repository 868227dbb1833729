/**
 * kvmsh's host network driver, for qemu hooks and hosts without libvirtd: bridges, the nft
 * table inet kvmsh, dnsmasq, the run directory with its records and locks, and the backend
 * (HostDriverBackend) that puts it behind the plan seam.
 * <p>
 * Uses plan, model and host.
 */
package kvmsh.hostnet;
