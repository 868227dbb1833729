/**
 * Immutable records of what a script declares: the host model (networks, pools, VMs,
 * statements), their parts, problems found in a script and where they are (Origin). The plan
 * and every backend read these.
 * <p>
 * Uses nothing else of kvmsh.
 */
package kvmsh.model;
