package kvmsh.dsl;

import kvmsh.model.Origin;

/**
 * A {@code hook} statement: the script is a qemu {@code script=}/{@code downscript=} (or libvirt
 * {@code <script path>}) hook, and the tap qemu names joins {@code network}. Kept beside the model
 * ({@link kvmsh.model.HostModel} has no place for it) and read by {@code kvmsh.hook.TapHook}.
 *
 * @param network the network the tap joins (declared in the same script unless {@code on: 'down'})
 * @param on      which call(s) of qemu this script serves
 * @param keep    after the last tap leaves, leave the network up
 * @param origin  where the statement is
 */
public record HookDef(String network, Direction on, boolean keep, Origin origin) {

    /** Which of qemu's two calls a hook script answers. */
    public enum Direction {
        /** Both: one file as {@code script=} and {@code downscript=}; the tap's state tells which call it is. */
        BOTH,
        /** Only {@code script=}: the tap joins. */
        UP,
        /** Only {@code downscript=}: the tap leaves. */
        DOWN
    }
}
