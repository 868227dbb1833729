/**
 * The picocli commands (plan, run, down, import, hook, sandbox, repl, …), exit codes and
 * consent.
 * <p>
 * Uses everything.
 */
package kvmsh.cli;
