package kvmsh.dsl;

import java.util.List;
import kvmsh.model.HostModel;

/**
 * A loaded script: its validated model and its {@code hook} statements (empty for an ordinary
 * script).
 */
public record LoadedScript(HostModel model, List<HookDef> hooks) {

    public LoadedScript {
        hooks = List.copyOf(hooks);
    }
}
