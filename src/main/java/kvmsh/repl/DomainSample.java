package kvmsh.repl;

/**
 * One reading of a running domain, as {@code virDomainGetInfo} gives it.
 *
 * @param name       domain name
 * @param takenNanos when it was taken ({@link System#nanoTime()})
 * @param cpuTime    CPU time the domain has used, in nanoseconds
 * @param vcpus      virtual CPUs
 * @param memoryKiB  memory in use
 * @param maxMemKiB  maximum memory
 */
record DomainSample(String name, long takenNanos, long cpuTime, int vcpus, long memoryKiB, long maxMemKiB) {
}
