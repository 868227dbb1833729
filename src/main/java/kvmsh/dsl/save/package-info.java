/**
 * Writing a model back as a readable .kvm script (the REPL's :save, kvmsh import).
 * <p>
 * Uses model.
 */
package kvmsh.dsl.save;
