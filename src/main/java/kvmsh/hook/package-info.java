/**
 * The qemu script=/downscript= entry point: a tap joins or leaves its network, fast from cached
 * results for declarative hook files.
 * <p>
 * Uses dsl, dsl.compile (declarative check, caches), hostnet, model and host, and cli.ExitCodes only
 * (exit codes are decided in one place; it loads no picocli).
 */
package kvmsh.hook;
