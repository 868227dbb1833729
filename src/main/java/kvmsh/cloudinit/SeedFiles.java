package kvmsh.cloudinit;

/**
 * The files of a NoCloud seed, as text.
 *
 * @param userData      {@code user-data}: a {@code #cloud-config} document
 * @param metaData      {@code meta-data}: the instance-id and local hostname
 * @param networkConfig {@code network-config}, or null for none
 * @param instanceId    the instance-id in {@code meta-data}, derived from the other files' content, so any
 *                      change of the cloud-init settings gives a new one and cloud-init runs again
 */
public record SeedFiles(String userData, String metaData, String networkConfig, String instanceId) {
}
