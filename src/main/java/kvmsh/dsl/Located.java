package kvmsh.dsl;

import kvmsh.model.Origin;

/** A value a statement set, with where that statement is (for messages about the value). */
record Located<T>(T value, Origin origin) {
}
