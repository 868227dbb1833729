/**
 * Getting into a guest: its address from the DHCP leases of its networks (libvirt's API, or the host
 * driver's lease files), its login user from kvmsh's metadata, the OpenSSH command line (host key
 * alias, jump through a remote hypervisor), and the bounded wait until ssh logs in.
 * <p>
 * Uses libvirt, hostnet (lease files), plan (ownership), host and progress.
 */
package kvmsh.ssh;
