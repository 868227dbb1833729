package kvmsh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.util.Map;
import java.util.Optional;
import kvmsh.model.OpDef;
import kvmsh.model.Origin;

/**
 * Base class of every kvmsh script: the top-level keywords. Running a script only collects
 * declarations and operations into its session; nothing here touches a host.
 *
 * <pre>{@code
 * network 'isolationbr' { nat '10.0.0.0/8'; dhcp '10.0.0.1'..'10.0.0.100' }
 * vm 'cirros1' { memory 128; nic tap: 'vnet1' }
 * }</pre>
 */
public abstract class KvmshScript extends Script {

    /** Name of {@link #kvmsh$at}, the call {@link StatementLocator} puts before each statement. */
    static final String AT = "kvmsh$at";

    private Declarations decl;
    private String file = "<script>";
    private int line;
    private int column;

    /** Connects this script instance to its session before it runs. */
    void attach(Declarations declarations, String fileName) {
        this.decl = declarations;
        this.file = fileName;
    }

    /**
     * Records where the statement about to run is. Inserted by the compiler, not for scripts:
     * it is how every declaration gets its line and column.
     */
    public final void kvmsh$at(int line, int column) {
        this.line = line;
        this.column = column;
    }

    /** The statement being executed. */
    Origin here() {
        return new Origin(file, line, column);
    }

    String fileName() {
        return file;
    }

    private Declarations decl() {
        if (decl == null) {
            throw new IllegalStateException("kvmsh scripts run through kvmsh.dsl.DslSession");
        }
        return decl;
    }

    /** The script instance whose code a block runs, so inner statements report their own locations. */
    private KvmshScript scriptOf(Closure<?> body) {
        return body.getThisObject() instanceof KvmshScript s ? s : this;
    }

    /**
     * Declares a network.
     * <pre>{@code network 'lan' { nat '10.0.0.0/24'; dhcp '10.0.0.100'..'10.0.0.200' }}</pre>
     */
    @Keyword(summary = "declare a network", example = "network 'lan' { nat '10.0.0.0/24' }",
            expects = "a name and a block: network 'lan' { nat '10.0.0.0/24' }")
    public void network(String name,
                        @DelegatesTo(value = NetworkSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        NetworkSpec spec = new NetworkSpec(name, here(), decl(), scriptOf(body));
        decl().networks.add(spec);
        spec.run(body);
    }

    /**
     * Declares a VM.
     * <pre>{@code vm 'web' { memory '1G'; disk 'web.qcow2'; nic network: 'lan' }}</pre>
     */
    @Keyword(summary = "declare a VM", example = "vm 'web' { memory 512; nic network: 'lan' }",
            expects = "a name and a block: vm 'web' { memory 512 }")
    public void vm(String name, @DelegatesTo(value = VmSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        VmSpec spec = new VmSpec(name, here(), decl(), scriptOf(body));
        decl().vms.add(spec);
        spec.run(body);
    }

    /**
     * Declares a VM with every default (512 MiB, 1 CPU, no disks, no NICs).
     * <pre>{@code vm 'scratch'}</pre>
     */
    @Keyword(summary = "declare a VM", example = "vm 'web' { memory 512; nic network: 'lan' }",
            expects = "a name and a block: vm 'web' { memory 512 }")
    public void vm(String name) {
        decl().vms.add(new VmSpec(name, here(), decl(), this));
    }

    private void op(OpDef.Verb verb, String target, Map<String, String> options) {
        decl().ops.add(new OpDef(verb, target, options, here()));
    }

    /**
     * Starts a VM (after the declarations have been applied).
     * <pre>{@code start 'web'}</pre>
     */
    @Keyword(summary = "start a VM", example = "start 'web'", expects = "a VM name")
    public void start(String vm) {
        op(OpDef.Verb.START, vm, Map.of());
    }

    /**
     * Asks a VM to shut down (ACPI).
     * <pre>{@code shutdown 'web'}</pre>
     */
    @Keyword(summary = "shut a VM down gracefully", example = "shutdown 'web'", expects = "a VM name")
    public void shutdown(String vm) {
        op(OpDef.Verb.SHUTDOWN, vm, Map.of());
    }

    /**
     * Powers a VM off at once.
     * <pre>{@code destroy 'web'}</pre>
     */
    @Keyword(summary = "power a VM off at once", example = "destroy 'web'", expects = "a VM name")
    public void destroy(String vm) {
        op(OpDef.Verb.DESTROY, vm, Map.of());
    }

    /**
     * Removes a VM's definition.
     * <pre>{@code undefine 'web'}</pre>
     */
    @Keyword(summary = "remove a VM's definition", example = "undefine 'web'", expects = "a VM name")
    public void undefine(String vm) {
        op(OpDef.Verb.UNDEFINE, vm, Map.of());
    }

    /**
     * Lists VMs and networks.
     * <pre>{@code list()}</pre>
     */
    @Keyword(summary = "list VMs and networks", example = "list()", expects = "no arguments: list()")
    public void list() {
        op(OpDef.Verb.LIST, null, Map.of());
    }

    /**
     * Shows a VM's state and addresses.
     * <pre>{@code info 'web'}</pre>
     */
    @Keyword(summary = "show a VM", example = "info 'web'", expects = "a VM name")
    public void info(String vm) {
        op(OpDef.Verb.INFO, vm, Map.of());
    }

    /**
     * Shows a network's DHCP leases.
     * <pre>{@code leases 'lan'}</pre>
     */
    @Keyword(summary = "show a network's DHCP leases", example = "leases 'lan'", expects = "a network name")
    public void leases(String network) {
        op(OpDef.Verb.LEASES, network, Map.of());
    }

    /**
     * Plugs a tap device into a network's bridge.
     * <pre>{@code attach 'vnet1', to: 'lan'}</pre>
     */
    @Keyword(summary = "plug a tap into a network", example = "attach 'vnet1', to: 'lan'",
            expects = "a tap name and to: 'network'")
    public void attach(Map<String, ?> options, String tap) {
        Object to = options.get("to");
        if (to == null || options.size() != 1) {
            decl().problems.add(here(), "attach expects a tap name and to: 'network'", "e.g. attach 'vnet1', to: 'lan'");
            return;
        }
        op(OpDef.Verb.MOVE_NIC, tap, Map.of("to", to.toString()));
    }

    /**
     * Unplugs a tap device from its bridge.
     * <pre>{@code detach 'vnet1'}</pre>
     */
    @Keyword(summary = "unplug a tap from its bridge", example = "detach 'vnet1'", expects = "a tap name")
    public void detach(String tap) {
        op(OpDef.Verb.MOVE_NIC, tap, Map.of());
    }

    /**
     * Makes this script a qemu tap hook: the tap qemu passes as the only argument joins
     * {@code network} (brought up first if needed) and, when it leaves, the network goes down with
     * its last tap. Use the file as both {@code script=} and {@code downscript=}.
     * <pre>{@code hook 'isolationbr'}</pre>
     */
    @Keyword(summary = "make this script a qemu tap hook joining a network", example = "hook 'isolationbr'",
            expects = "a network name, optionally on: 'up'|'down' and keep: true")
    public void hook(String network) {
        hook(Map.of(), network);
    }

    /**
     * A tap hook with options: {@code on: 'up'} or {@code on: 'down'} for the two-file form
     * ({@code script=} and {@code downscript=} in separate files); {@code keep: true} leaves the
     * network up after its last tap leaves.
     * <pre>{@code hook 'isolationbr', on: 'down', keep: true}</pre>
     */
    @Keyword(summary = "make this script a qemu tap hook joining a network",
            example = "hook 'isolationbr', on: 'up'",
            expects = "a network name, optionally on: 'up'|'down' and keep: true")
    public void hook(Map<String, ?> options, String network) {
        HookDef.Direction on = HookDef.Direction.BOTH;
        boolean keep = false;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String v = String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "on" -> {
                    if (v.equals("up") || v.equals("down")) {
                        on = HookDef.Direction.valueOf(v.toUpperCase());
                    } else {
                        decl().problems.add(here(), "hook on: must be 'up' or 'down', not '" + v + "'",
                                "leave it out to serve both calls from this one file");
                        return;
                    }
                }
                case "keep" -> {
                    if (!(e.getValue() instanceof Boolean b)) {
                        decl().problems.add(here(), "hook keep: must be true or false", "e.g. keep: true");
                        return;
                    }
                    keep = b;
                }
                default -> {
                    decl().problems.add(here(), "unknown hook option '" + e.getKey() + "'",
                            Keywords.suggestion(e.getKey(), java.util.List.of("keep", "on")));
                    return;
                }
            }
        }
        for (HookDef other : decl().hooks) {
            if (other.on() == on || other.on() == HookDef.Direction.BOTH || on == HookDef.Direction.BOTH) {
                decl().problems.add(here(), "a second hook for the same call (first at " + other.origin() + ")",
                        "a tap joins one network: keep one hook per file, or one on: 'up' and one on: 'down'");
                return;
            }
        }
        decl().hooks.add(new HookDef(network, on, keep, here()));
    }

    /**
     * An unknown top-level statement, or a keyword with arguments it does not take. Closures
     * stored in the binding ({@code greet = { … }; greet()}) are still called, as in any script.
     */
    public Object methodMissing(String name, Object args) {
        Object[] argv = args instanceof Object[] a ? a : new Object[] {args};
        if (getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?> c) {
            return c.call(argv);
        }
        Optional<Keyword> k = Keywords.find(KvmshScript.class, name);
        if (k.isPresent()) {
            decl().problems.add(here(), name + " expects " + k.get().expects(), "e.g. " + k.get().example());
        } else if (Keywords.find(VmSpec.class, name).isPresent() || Keywords.find(NetworkSpec.class, name).isPresent()) {
            String block = Keywords.find(VmSpec.class, name).isPresent() ? "vm" : "network";
            decl().problems.add(here(), "'" + name + "' is a " + block + " setting",
                    "put it inside a block: " + block + " 'name' { " + name + " … }");
        } else {
            decl().problems.add(here(), "unknown statement '" + name + "'",
                    Keywords.suggestion(name, Keywords.of(KvmshScript.class).keySet()));
        }
        return null;
    }
}
