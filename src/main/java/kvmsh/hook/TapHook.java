package kvmsh.hook;

import java.util.List;
import java.util.Optional;
import kvmsh.dsl.HookDef;
import kvmsh.dsl.LoadedScript;
import kvmsh.hostnet.HostNetworkDriver;
import kvmsh.model.NetworkDef;

/**
 * Carries out one call of a hook script: qemu runs {@code SCRIPT TAP} after creating the tap
 * ({@code script=}) and again before closing it ({@code downscript=}). Up brings the script's
 * network up (through the {@link HostNetworkDriver}, no libvirt) and plugs the tap in; down unplugs
 * it and takes the network down with its last tap, unless the hook says {@code keep: true}.
 */
public final class TapHook {

    /** Which of qemu's two calls this is. */
    public enum Call { UP, DOWN }

    private final HostNetworkDriver driver;

    public TapHook(HostNetworkDriver driver) {
        this.driver = driver;
    }

    /**
     * Which call a one-file hook ({@code hook 'net'} without {@code on:}) is answering, from the
     * tap alone — qemu passes no flag. qemu runs {@code script=} right after creating the tap, so
     * the tap exists and is plugged into no bridge (libvirt's {@code type='ethernet'} creates it
     * the same way). By the {@code downscript=} call the up call has plugged it in, or libvirt has
     * already deleted it. So: a tap on no bridge is joining; a tap on a bridge, or gone, is leaving.
     * Call the file through {@code kvmsh hook --up|--down} to say it explicitly.
     */
    public Call infer(String tap) {
        HostNetworkDriver.TapState s = driver.tapState(tap);
        return s.exists() && s.master() == null ? Call.UP : Call.DOWN;
    }

    /**
     * Runs the hook of {@code script} that serves {@code call} for {@code tap}.
     *
     * @return the hook that ran
     * @throws HookException when the script has no hook for this call
     */
    public HookDef run(LoadedScript script, String tap, Call call) {
        HookDef hook = hookFor(script.hooks(), call).orElseThrow(() -> new HookException(
                "this script has no hook for the " + call.name().toLowerCase() + " call"
                        + " — add hook 'NETWORK'" + (call == Call.UP ? "" : ", on: 'down'")));
        if (call == Call.UP) {
            NetworkDef def = script.model().network(hook.network()).orElseThrow(() -> new HookException(
                    "network '" + hook.network() + "' is not declared in this script"));
            // The file is recorded as the network's declaring script, as kvmsh run records its script.
            driver.join(def, java.nio.file.Path.of(script.model().script()).toAbsolutePath().normalize().toString(), tap);
        } else {
            driver.leave(tap, hook.network(), hook.keep());
        }
        return hook;
    }

    /**
     * The one call {@code hooks} serve, when they serve only one ({@code on: 'up'} or
     * {@code on: 'down'}): a two-file hook never guesses, so running its up file twice changes
     * nothing.
     */
    public static Optional<Call> only(List<HookDef> hooks) {
        if (hooks.stream().allMatch(h -> h.on() == HookDef.Direction.UP)) {
            return Optional.of(Call.UP);
        }
        if (hooks.stream().allMatch(h -> h.on() == HookDef.Direction.DOWN)) {
            return Optional.of(Call.DOWN);
        }
        return Optional.empty();
    }

    static Optional<HookDef> hookFor(List<HookDef> hooks, Call call) {
        HookDef.Direction wanted = call == Call.UP ? HookDef.Direction.UP : HookDef.Direction.DOWN;
        return hooks.stream().filter(h -> h.on() == wanted).findFirst()
                .or(() -> hooks.stream().filter(h -> h.on() == HookDef.Direction.BOTH).findFirst());
    }
}
