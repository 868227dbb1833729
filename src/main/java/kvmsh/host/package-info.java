/**
 * The one door to the host (CommandRunner, ProcessRunner, command results and errors), tap
 * links, and the trust checks for files and directories root reads or writes.
 * <p>
 * Uses nothing else of kvmsh.
 */
package kvmsh.host;
