package kvmsh.plan;

import java.util.List;

import kvmsh.model.Origin;

/**
 * A plan step as its printed and JSON forms show it: what kind of change it is, on what object,
 * the settings it changes and whether it can lose data. Both renderings ({@link PlanText},
 * {@link PlanJson}) read steps through this one place.
 *
 * @param change     {@code add}, {@code change}, {@code destroy} or {@code statement}
 * @param action     the verb ({@code define}, {@code redefine}, {@code start}, {@code delete}, a statement's keyword …)
 * @param kind       {@code vm}, {@code network}, {@code pool}, {@code volume}, {@code tap}, or null for a statement without one
 * @param name       the object's name ({@code pool/volume} for volumes), or null
 * @param text       the step's line in the plan, without its sign
 * @param fields     the settings it touches (before null: new object)
 * @param dataLoss   why it can lose data, or null
 * @param origin     where a statement is in the script, or null
 */
public record Step(String change, String action, String kind, String name, String text, List<Fields.Change> fields,
                   String dataLoss, Origin origin) {

    public Step {
        fields = List.copyOf(fields);
    }

    /** The plan's sign for the kind of change: + add, ~ change, - destroy, = adopt, > statement. */
    public char sign() {
        return switch (change) {
            case "add" -> '+';
            case "adopt" -> '=';
            case "destroy" -> '-';
            case "statement" -> '>';
            default -> '~';
        };
    }

    public boolean destructive() {
        return dataLoss != null;
    }

    /** The step as text and JSON show it; a step on one of several hosts ({@link Action.OnHost}) as its own step. */
    public static Step of(Action step) {
        Action a = Action.inner(step);
        String line = a.describe();
        String change = switch (line.isEmpty() ? ' ' : line.charAt(0)) {
            case '+' -> "add";
            case '-' -> "destroy";
            case '>' -> "statement";
            case '=' -> "adopt";
            default -> "change";
        };
        String text = line.length() > 2 && line.charAt(1) == ' ' ? line.substring(2) : line;
        String[] what = object(a);
        String dataLoss = a.dataLoss().orElse(null);
        Origin origin = a instanceof Action.RunOp op ? op.op().origin()
                : a instanceof Action.MigrateDomain m ? m.at() : null;
        return new Step(change, what[0], what[1], what[2], text, Fields.of(a), dataLoss, origin);
    }

    /** {verb, kind, name} of a step. */
    private static String[] object(Action a) {
        if (a instanceof Action.DefineNetwork s) {
            return new String[] {s.previous() == null ? "define" : "redefine", "network", s.def().name()};
        } else if (a instanceof Action.UpdateNetworkDhcp s) {
            return new String[] {"update", "network", s.def().name()};
        } else if (a instanceof Action.UpdateNetworkForwards s) {
            return new String[] {"update", "network", s.def().name()};
        } else if (a instanceof Action.RestoreNetwork s) {
            return new String[] {"restore", "network", s.previous().name()};
        } else if (a instanceof Action.StartNetwork s) {
            return new String[] {"start", "network", s.name()};
        } else if (a instanceof Action.StopNetwork s) {
            return new String[] {"stop", "network", s.name()};
        } else if (a instanceof Action.RestartNetwork s) {
            return new String[] {"restart", "network", s.name()};
        } else if (a instanceof Action.RepairNetwork s) {
            return new String[] {"repair", "network", s.name()};
        } else if (a instanceof Action.SetNetworkAutostart s) {
            return new String[] {"autostart", "network", s.name()};
        } else if (a instanceof Action.UndefineNetwork s) {
            return new String[] {"undefine", "network", s.name()};
        } else if (a instanceof Action.CreatePool s) {
            return new String[] {"create", "pool", s.def().name()};
        } else if (a instanceof Action.StartPool s) {
            return new String[] {"start", "pool", s.name()};
        } else if (a instanceof Action.RemovePool s) {
            return new String[] {"remove", "pool", s.name()};
        } else if (a instanceof Action.CreateVolume s) {
            return new String[] {"create", "volume", s.disk().pool() + "/" + s.disk().volume()};
        } else if (a instanceof Action.ResizeVolume s) {
            return new String[] {"resize", "volume", s.volume().pool() + "/" + s.volume().name()};
        } else if (a instanceof Action.DeleteVolume s) {
            return new String[] {"delete", "volume", s.volume().pool() + "/" + s.volume().name()};
        } else if (a instanceof Action.CreateTap s) {
            return new String[] {"create", "tap", s.tap()};
        } else if (a instanceof Action.PlugTap s) {
            return new String[] {s.bridge() == null ? "unplug" : "plug", "tap", s.tap()};
        } else if (a instanceof Action.DeleteTap s) {
            return new String[] {"delete", "tap", s.tap()};
        } else if (a instanceof Action.DefineDomain s) {
            return new String[] {s.previous() == null ? "define" : "redefine", "vm", s.def().name()};
        } else if (a instanceof Action.RenameDomain s) {
            return new String[] {"rename", "vm", s.from()};
        } else if (a instanceof Action.RestoreDomain s) {
            return new String[] {"restore", "vm", s.previous().name()};
        } else if (a instanceof Action.StartDomain s) {
            return new String[] {"start", "vm", s.name()};
        } else if (a instanceof Action.StopDomain s) {
            return new String[] {s.graceful() ? "shutdown" : "destroy", "vm", s.name()};
        } else if (a instanceof Action.SetDomainAutostart s) {
            return new String[] {"autostart", "vm", s.name()};
        } else if (a instanceof Action.UndefineDomain s) {
            return new String[] {"undefine", "vm", s.name()};
        } else if (a instanceof Action.MigrateDomain s) {
            return new String[] {"migrate", "vm", s.vm()};
        } else if (a instanceof Action.RunOp s) {
            // The printed line names the statement as the script does (attach/detach for a NIC move).
            String verb = s.op().verb().afterStart() ? s.op().verb().keyword() : a.describe().split(" ", 3)[1];
            String kind = s.op().target() == null ? null
                    : s.op().verb() == kvmsh.model.OpDef.Verb.LEASES ? "network"
                    : s.op().verb() == kvmsh.model.OpDef.Verb.MOVE_NIC ? "nic" : "vm";
            return new String[] {verb, kind, s.op().target()};
        }
        // A step added since: its printed line still says what it does.
        String[] words = a.describe().split(" ", 4);
        return new String[] {words.length > 1 ? words[1] : "?", words.length > 2 ? words[2] : null,
            words.length > 3 ? words[3].split(" ", 2)[0] : null};
    }

    /** The steps of a plan. */
    public static List<Step> all(Plan plan) {
        return plan.steps().stream().map(Step::of).toList();
    }
}
