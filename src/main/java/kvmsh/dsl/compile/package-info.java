/**
 * Compile time of the DSL: the one CompilerConfiguration, the AST rewrites of block shapes and
 * ranges, keyword text and statement locations, the System.exit check, the evaluation watchdog,
 * the declarative check of hook files and the compiled-class and script caches.
 * <p>
 * Uses dsl (keyword names and the script base class), model and host (file trust for caches).
 */
package kvmsh.dsl.compile;
