package kvmsh.model;

/** A graphical console: {@code vnc} or {@code spice}; port -1 means autoport. */
public record GraphicsDef(String type, String listen, int port) {
}
