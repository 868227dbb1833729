/**
 * Which backend serves a script (DriverChoice): policy beside the planner.
 * <p>
 * Uses plan, dsl (the loaded script), model, hostnet and host.
 */
package kvmsh.backend;
