package kvmsh.hostnet;

import kvmsh.model.NetworkDef;

/**
 * The spanning-tree settings kvmsh gives a bridge it creates, as the kernel will accept them.
 * <p>
 * With STP on, the kernel only takes a forward delay of {@value #MIN_STP_DELAY}..{@value #MAX_STP_DELAY}
 * seconds ({@code set forward delay failed: Numerical result out of range} otherwise), and a new
 * port then blocks for twice the delay (listening, learning) before it forwards. With STP off any
 * delay is accepted and ports forward at once. So:
 * <ul>
 *   <li>STP off (recommended for NAT, host-only and routed bridges: their only ports are guest
 *       taps, no loop is possible): the declared delay is kept as is (0 by default).</li>
 *   <li>STP on: the delay is clamped into 2..30 s, so the DSL's {@code delay 0} becomes 2 s
 *       (4 s of blocking, not 30).</li>
 * </ul>
 *
 * @param stp                 spanning tree on
 * @param forwardDelaySeconds forward delay the kernel gets, in seconds
 */
public record BridgeSettings(boolean stp, int forwardDelaySeconds) {

    public static final int MIN_STP_DELAY = 2;
    public static final int MAX_STP_DELAY = 30;

    public BridgeSettings {
        if (forwardDelaySeconds < 0 || forwardDelaySeconds > MAX_STP_DELAY) {
            throw new HostNetworkException("bridge forward delay " + forwardDelaySeconds + " s is outside 0.."
                    + MAX_STP_DELAY + " s");
        }
        if (stp && forwardDelaySeconds < MIN_STP_DELAY) {
            throw new HostNetworkException("with STP on the kernel needs a forward delay of " + MIN_STP_DELAY
                    + ".." + MAX_STP_DELAY + " s, got " + forwardDelaySeconds);
        }
    }

    /** What {@code def} asks for, made acceptable to the kernel (see the class comment). */
    public static BridgeSettings of(NetworkDef def) {
        int delay = def.forwardDelay();
        if (delay < 0 || delay > MAX_STP_DELAY) {
            throw new HostNetworkException("network '" + def.name() + "': forward delay " + delay
                    + " s is outside 0.." + MAX_STP_DELAY + " s");
        }
        return new BridgeSettings(def.stp(), def.stp() ? Math.max(MIN_STP_DELAY, delay) : delay);
    }

    /** The kernel counts forward delay in hundredths of a second ({@code ip}'s unit too). */
    public int forwardDelayCentis() {
        return forwardDelaySeconds * 100;
    }
}
