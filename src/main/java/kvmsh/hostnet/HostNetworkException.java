package kvmsh.hostnet;

/**
 * The host network driver cannot do what a declaration asks; the message is one line that names
 * the network and says what to change.
 */
public class HostNetworkException extends RuntimeException {

    public HostNetworkException(String message) {
        super(message);
    }

    public HostNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
