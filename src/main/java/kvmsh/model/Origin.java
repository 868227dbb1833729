package kvmsh.model;

/**
 * Where a declaration came from in the user's script, so every message can point at it like a
 * compiler does: {@code file:line:col}.
 */
public record Origin(String file, int line, int column) {

    public static final Origin UNKNOWN = new Origin("<unknown>", 0, 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
