/**
 * The libvirt backend: XML rendering with golden files, reading libvirt's XML back, digests,
 * ownership metadata, lifecycle statements, events, statistics, storage and seed upload, kvmsh
 * import.
 * <p>
 * Uses plan, model, host, osinfo and cloudinit.
 */
package kvmsh.libvirt;
