/**
 * The interactive shell on JLine: the session, its : commands, completion and help from the
 * keywords' Javadoc.
 * <p>
 * Uses dsl, dsl.save, plan, libvirt and model; not cli.
 */
package kvmsh.repl;
