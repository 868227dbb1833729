/**
 * How kvmsh shows that it waits (a lease, a shutdown, a watch, an upload, a migration): the
 * {@link kvmsh.progress.Waits} a command chooses once and passes down, with a {@link
 * kvmsh.progress.Wait} per wait that says how it ended. {@link kvmsh.progress.PlainWaits} prints a
 * line when a wait starts and one when it ends (piped output, logs); {@link
 * kvmsh.progress.TerminalWaits} keeps a live progress line per running wait on a terminal, drawn by
 * me.tongfei:progressbar.
 * <p>
 * Uses nothing else of kvmsh.
 */
package kvmsh.progress;
