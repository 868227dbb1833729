/**
 * From model and host snapshot to a plan and onto the host: HostState, the Planner, the Action
 * records, the StepGraph, the parallel Applier with rollback and cancellation, plan text and
 * JSON, and the seam every backend implements (Hypervisor) with Backends for several in one
 * plan; for a script on several hosts, Fleet (one Hypervisor per host) and FleetPlanner (one plan
 * of Action.OnHost steps across them).
 * <p>
 * Uses model and cloudinit (the seed's instance-id); never a backend.
 */
package kvmsh.plan;
