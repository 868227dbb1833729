/**
 * Private KVM hosts in network namespaces (kvmsh sandbox, the end-to-end tests): the namespace,
 * its libvirtd, the test guest image.
 * <p>
 * Uses host.
 */
package kvmsh.sandbox;
