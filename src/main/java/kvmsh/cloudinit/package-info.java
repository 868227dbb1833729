/**
 * cloud-init for VMs: the cloud-config document, checks of its input, and the NoCloud seed
 * image built with xorriso.
 * <p>
 * Uses model and host.
 */
package kvmsh.cloudinit;
