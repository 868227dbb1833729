/** The bare-JVM baseline: a class whose main does nothing, so only JVM start and exit are timed. */
public final class Trivial {
    public static void main(String[] args) {
    }
}
