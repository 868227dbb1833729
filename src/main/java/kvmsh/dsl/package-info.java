/**
 * The DSL runtime: the script base class whose methods are the top-level keywords, one spec
 * class per block (vm, network, pool, cloudInit, customize), the resolvers that turn specs into
 * the model and check them against a ValidationEnv, loading a script and translating its errors
 * into located problems.
 * <p>
 * Uses model, dsl.compile (to compile scripts), osinfo, cloudinit (checking cloud-init input)
 * and host (file trust).
 */
package kvmsh.dsl;
