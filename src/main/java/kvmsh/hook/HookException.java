package kvmsh.hook;

/** A hook script cannot serve the call it was run for; the message is one line for qemu to show. */
public class HookException extends RuntimeException {

    public HookException(String message) {
        super(message);
    }
}
