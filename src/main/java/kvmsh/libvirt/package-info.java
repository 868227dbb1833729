/**
 * The libvirt backend: XML rendering with golden files, reading libvirt's XML back, digests,
 * ownership metadata, lifecycle statements, events, statistics, storage and seed upload, kvmsh
 * import, and what validation asks a libvirt host (HostValidationEnv).
 * <p>
 * Uses plan, model, host, osinfo, cloudinit, dsl (the ValidationEnv it answers) and progress (where its
 * waits show).
 */
package kvmsh.libvirt;
