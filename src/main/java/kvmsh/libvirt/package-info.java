/**
 * The libvirt backend: XML rendering with golden files, reading libvirt's XML back, digests,
 * ownership metadata, lifecycle statements, events, statistics, storage and seed upload, kvmsh
 * import, what validation asks a libvirt host (HostValidationEnv), and the nft chains of networks
 * with port forwards (NetworkForwards, libvirt's open mode).
 * <p>
 * Uses plan, model, host, osinfo, cloudinit, dsl (the ValidationEnv it answers), progress (where its
 * waits show) and hostnet (NetworkFirewall, the host driver's chains).
 */
package kvmsh.libvirt;
