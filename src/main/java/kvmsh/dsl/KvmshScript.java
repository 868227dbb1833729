package kvmsh.dsl;


import kvmsh.dsl.compile.StatementLocator;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.util.List;
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
    public static final String AT = "kvmsh$at";

    private Declarations decl;
    private String file = "<script>";
    private int line;
    private int column;
    /** Lines of the input before this script's text (a piped REPL entry on stdin line 8 has 7). */
    private int lineOffset;

    /** Connects this script instance to its session before it runs. */
    void attach(Declarations declarations, String fileName, int lineOffset) {
        this.decl = declarations;
        this.file = fileName;
        this.lineOffset = lineOffset;
    }

    /** How many input lines come before the script's first line (0 for a file). */
    int lineOffset() {
        return lineOffset;
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
        return new Origin(file, line > 0 ? line + lineOffset : line, column);
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
    @Values(kind = Values.Kind.NETWORK)
    public void network(String name,
                        @DelegatesTo(value = NetworkSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        NetworkSpec spec = new NetworkSpec(name, here(), decl(), scriptOf(body));
        decl().declare(spec);
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
        decl().declare(spec);
        spec.run(body);
    }

    /**
     * Declares a VM with every default (512 MiB, 1 CPU, no disks, no NICs).
     * <pre>{@code vm 'scratch'}</pre>
     */
    @Keyword(summary = "declare a VM", example = "vm 'web' { memory 512; nic network: 'lan' }",
            expects = "a name and a block: vm 'web' { memory 512 }")
    @Values(kind = Values.Kind.VM)
    public void vm(String name) {
        decl().declare(new VmSpec(name, here(), decl(), this));
    }

    /**
     * Declares a storage pool (a directory pool: volumes are files in its directory).
     * <pre>{@code pool 'images' { dir '/srv/images' }}</pre>
     */
    @Keyword(summary = "declare a storage pool", example = "pool 'images' { dir '/srv/images' }",
            expects = "a name and a block: pool 'images' { dir '/srv/images' }")
    @Values(kind = Values.Kind.POOL)
    public void pool(String name, @DelegatesTo(value = PoolSpec.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        PoolSpec spec = new PoolSpec(name, here(), decl(), scriptOf(body));
        decl().declare(spec);
        spec.run(body);
    }

    /**
     * Declares a host this script manages: any libvirt URI ({@code qemu:///system},
     * {@code qemu+ssh://root@host/system}, {@code test:///path/to/host.xml} …) or {@code sandbox:NAME}
     * for one of kvmsh's sandboxes. Once a script declares hypervisors, every {@code vm} says which
     * one it runs on ({@code on 'a'}) and every {@code network} and {@code pool} which ones it is on
     * ({@code on 'a', 'b'}); {@code plan} reads every host and prints one plan, grouped by host. Such a
     * script names its own hosts: it is run without {@code -c}.
     * <pre>{@code hypervisor 'a', uri: 'qemu+ssh://root@a.example/system'}</pre>
     */
    @Keyword(summary = "declare a host the script manages (any libvirt URI, or sandbox:NAME)",
            example = "hypervisor 'a', uri: 'qemu+ssh://root@a.example/system'",
            expects = "a name and uri: hypervisor 'a', uri: 'qemu:///system'", options = {"uri"}, repl = false)
    public void hypervisor(Map<String, ?> options, String name) {
        String example = "hypervisor 'a', uri: 'qemu:///system'";
        if (!Names.check(decl().problems, here(), "hypervisor", name, example)) {
            return;
        }
        Map<String, String> opts = StatementOptions.check(decl().problems, here(), "hypervisor", options,
                List.of("uri"), List.of());
        if (opts == null) {
            return;
        }
        String uri = opts.get("uri");
        if (uri == null || uri.isBlank()) {
            decl().problems.add(here(), "hypervisor '" + name + "' needs uri:", "e.g. " + example);
            return;
        }
        decl().hypervisors.add(new kvmsh.model.HypervisorDef(name, uri.strip(), here()));
    }

    /**
     * A hypervisor without its URI: an error that says what to add.
     * <pre>{@code hypervisor 'a', uri: 'qemu:///system'}</pre>
     */
    @Keyword(summary = "declare a host the script manages (any libvirt URI, or sandbox:NAME)",
            example = "hypervisor 'a', uri: 'qemu+ssh://root@a.example/system'",
            expects = "a name and uri: hypervisor 'a', uri: 'qemu:///system'", options = {"uri"}, repl = false)
    public void hypervisor(String name) {
        hypervisor(Map.of(), name);
    }

    /**
     * Names the project this script's networks and VMs belong to: kvmsh records it as their owner, so the
     * script may move or be renamed and still own them. Without it, the script's absolute path is the owner.
     * Two scripts declaring the same project own the same objects; give copies that should not share
     * them different projects. At most once, before or after the declarations.
     * <pre>{@code project 'shop-site'}</pre>
     */
    @Keyword(summary = "name the project that owns this script's objects (default: the script's path)",
            example = "project 'shop-site'", expects = "a project name: project 'shop-site'")
    public void project(String name) {
        if (decl().projectAt != null) {
            decl().problems.add(here(), "project is declared twice (first at " + decl().projectAt + ")",
                    "keep one project line; a later one would silently replace the first");
            return;
        }
        if (Names.check(decl().problems, here(), "project", name, "project 'shop-site'")) {
            decl().project = name;
            decl().projectAt = here();
        }
    }

    private void op(OpDef.Verb verb, String target, Map<String, String> options) {
        String keyword = verb != OpDef.Verb.MOVE_NIC ? verb.keyword() : options.isEmpty() ? "detach" : "attach";
        String example = Keywords.find(KvmshScript.class, keyword).map(Keyword::example).orElse(keyword);
        boolean named = verb == OpDef.Verb.LIST || (verb == OpDef.Verb.WATCH && target == null)
                || Names.check(decl().problems, here(), targetKind(verb, options), target, example);
        if (options.containsKey("name")) {
            named &= Names.check(decl().problems, here(), "snapshot", options.get("name"), example);
        }
        if (named) {
            decl().ops.add(new OpDef(verb, target, options, here()));
        }
    }

    /** What a statement's first argument names, for messages about it. */
    private static String targetKind(OpDef.Verb verb, Map<String, String> options) {
        return switch (verb) {
            case LEASES -> "network";
            case EVACUATE -> "hypervisor";
            case MOVE_NIC -> options.containsKey("nic") || options.containsKey("mac") ? "vm" : "tap";
            default -> "vm";
        };
    }

    private void op(OpDef.Verb verb, String target, Map<String, ?> given, List<String> allowed, List<String> numeric,
                    List<String> required) {
        Map<String, String> opts = StatementOptions.check(decl().problems, here(), verb.keyword(), given, allowed, numeric);
        if (opts == null) {
            return;
        }
        for (String r : required) {
            if (!opts.containsKey(r)) {
                decl().problems.add(here(), verb.keyword() + " needs " + r + ":",
                        "e.g. " + verb.keyword() + " '" + target + "', " + r + ": 's1'");
                return;
            }
        }
        op(verb, target, opts);
    }

    /**
     * Starts a VM (after the declarations have been applied).
     * <pre>{@code start 'web'}</pre>
     */
    @Keyword(summary = "start a VM", example = "start 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.STOPPED_VM)
    public void start(String vm) {
        op(OpDef.Verb.START, vm, Map.of());
    }

    /**
     * Asks a VM to shut down (ACPI), and destroys it if it is still running after 60 s.
     * <pre>{@code shutdown 'web'}</pre>
     */
    @Keyword(summary = "shut a VM down gracefully", example = "shutdown 'web', timeout: 30",
            expects = "a VM name, optionally timeout: (seconds before it is destroyed)", options = {"timeout"})
    @Values(kind = Values.Kind.RUNNING_VM)
    public void shutdown(String vm) {
        op(OpDef.Verb.SHUTDOWN, vm, Map.of());
    }

    /**
     * Asks a VM to shut down (ACPI); destroys it if it is still running after {@code timeout:} seconds.
     * <pre>{@code shutdown 'web', timeout: 30}</pre>
     */
    @Keyword(summary = "shut a VM down gracefully", example = "shutdown 'web', timeout: 30",
            expects = "a VM name, optionally timeout: (seconds before it is destroyed)", options = {"timeout"})
    public void shutdown(Map<String, ?> options, String vm) {
        op(OpDef.Verb.SHUTDOWN, vm, options, List.of("timeout"), List.of("timeout"), List.of());
    }

    /**
     * Reboots a VM (ACPI, as the guest's own reboot would).
     * <pre>{@code reboot 'web'}</pre>
     */
    @Keyword(summary = "reboot a VM", example = "reboot 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.RUNNING_VM)
    public void reboot(String vm) {
        op(OpDef.Verb.REBOOT, vm, Map.of());
    }

    /**
     * Pauses a running VM (its memory stays; CPUs stop).
     * <pre>{@code suspend 'web'}</pre>
     */
    @Keyword(summary = "pause a running VM", example = "suspend 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.RUNNING_VM)
    public void suspend(String vm) {
        op(OpDef.Verb.SUSPEND, vm, Map.of());
    }

    /**
     * Resumes a paused VM.
     * <pre>{@code resume 'web'}</pre>
     */
    @Keyword(summary = "resume a paused VM", example = "resume 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.RUNNING_VM)
    public void resume(String vm) {
        op(OpDef.Verb.RESUME, vm, Map.of());
    }

    /**
     * Turns a VM's autostart on or off now (the {@code autostart} setting of a vm block does it declaratively).
     * <pre>{@code autostart 'web', false}</pre>
     */
    @Keyword(summary = "turn a VM's autostart on or off", example = "autostart 'web', true",
            expects = "a VM name and true or false")
    @Values(kind = Values.Kind.VM)
    public void autostart(String vm, boolean on) {
        op(OpDef.Verb.AUTOSTART, vm, Map.of("on", String.valueOf(on)));
    }

    /**
     * Takes a snapshot of a VM (disks, and memory too while it runs).
     * <pre>{@code snapshot 'web', name: 'before-upgrade'}</pre>
     */
    @Keyword(summary = "take a snapshot of a VM", example = "snapshot 'web', name: 's1'",
            expects = "a VM name and name: (optionally description:)", options = {"name", "description"})
    @Values(kind = Values.Kind.VM)
    public void snapshot(Map<String, ?> options, String vm) {
        op(OpDef.Verb.SNAPSHOT, vm, options, List.of("name", "description"), List.of(), List.of("name"));
    }

    /**
     * Reverts a VM to a snapshot.
     * <pre>{@code revert 'web', name: 'before-upgrade'}</pre>
     */
    @Keyword(summary = "revert a VM to a snapshot", example = "revert 'web', name: 's1'",
            expects = "a VM name and name:", options = {"name"})
    @Values(kind = Values.Kind.VM)
    public void revert(Map<String, ?> options, String vm) {
        op(OpDef.Verb.REVERT, vm, options, List.of("name"), List.of(), List.of("name"));
    }

    /**
     * Deletes a snapshot of a VM.
     * <pre>{@code deleteSnapshot 'web', name: 'before-upgrade'}</pre>
     */
    @Keyword(summary = "delete a snapshot of a VM", example = "deleteSnapshot 'web', name: 's1'",
            expects = "a VM name and name:", options = {"name"})
    @Values(kind = Values.Kind.VM)
    public void deleteSnapshot(Map<String, ?> options, String vm) {
        op(OpDef.Verb.DELETE_SNAPSHOT, vm, options, List.of("name"), List.of(), List.of("name"));
    }

    /**
     * Lists a VM's snapshots.
     * <pre>{@code snapshots 'web'}</pre>
     */
    @Keyword(summary = "list a VM's snapshots", example = "snapshots 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.VM)
    public void snapshots(String vm) {
        op(OpDef.Verb.SNAPSHOTS, vm, Map.of());
    }

    /**
     * Waits until a VM has a DHCP lease on one of its networks and prints its address; fails after
     * {@code timeout:} seconds (default 60) instead of hanging.
     * <pre>{@code waitForLease 'web', timeout: 120}</pre>
     */
    @Keyword(summary = "wait (bounded) for a VM's DHCP lease and print its IP", example = "waitForLease 'web', timeout: 60",
            expects = "a VM name, optionally timeout: (seconds, default 60)", options = {"timeout"})
    public void waitForLease(Map<String, ?> options, String vm) {
        op(OpDef.Verb.WAIT_FOR_LEASE, vm, options, List.of("timeout"), List.of("timeout"), List.of());
    }

    /** Waits up to 60 s for a VM's DHCP lease. <pre>{@code waitForLease 'web'}</pre> */
    @Keyword(summary = "wait (bounded) for a VM's DHCP lease and print its IP", example = "waitForLease 'web', timeout: 60",
            expects = "a VM name, optionally timeout: (seconds, default 60)", options = {"timeout"})
    @Values(kind = Values.Kind.VM)
    public void waitForLease(String vm) {
        op(OpDef.Verb.WAIT_FOR_LEASE, vm, Map.of());
    }

    /**
     * After the apply, waits until ssh logs into the VM (it has a lease, its sshd answers, its cloud-init
     * user's key is accepted) — only when this run created or started it, so an unchanged script waits for
     * nothing. {@code timeout:} is seconds or {@code '5m'} (default 5 minutes); {@code user:} logs in as another
     * user than the VM's first cloud-init user.
     * <pre>{@code waitForSsh 'web', timeout: '5m'}</pre>
     */
    @Keyword(summary = "after a VM starts: wait (bounded) until ssh logs in", example = "waitForSsh 'web', timeout: '5m'",
            expects = "a VM name, optionally timeout: (seconds or '5m', default '5m') and user:",
            options = {"timeout", "user"}, repl = false)
    public void waitForSsh(Map<String, ?> options, String vm) {
        guestOp(OpDef.Verb.WAIT_FOR_SSH, vm, options, null);
    }

    /** Waits up to 5 minutes for ssh on a VM this run started. <pre>{@code waitForSsh 'web'}</pre> */
    @Keyword(summary = "after a VM starts: wait (bounded) until ssh logs in", example = "waitForSsh 'web', timeout: '5m'",
            expects = "a VM name, optionally timeout: (seconds or '5m', default '5m') and user:",
            options = {"timeout", "user"}, repl = false)
    @Values(kind = Values.Kind.VM)
    public void waitForSsh(String vm) {
        waitForSsh(Map.of(), vm);
    }

    /**
     * After the apply, runs one command in the VM over ssh (as its cloud-init user, or {@code user:}) —
     * only when this run created or started it, as a provisioner; its output is printed, and a command that
     * fails fails the run. The command is one line for the guest's shell. It waits for ssh first (up to
     * {@code timeout:}, default 5 minutes), so it needs no {@code waitForSsh} before it.
     * <pre>{@code ssh 'web', 'systemctl is-active nginx'}</pre>
     */
    @Keyword(summary = "after a VM starts: run a command in it over ssh", example = "ssh 'web', 'systemctl is-active nginx'",
            expects = "a VM name and a command (one line for the guest's shell), optionally user: and timeout:",
            options = {"user", "timeout"}, repl = false)
    public void ssh(Map<String, ?> options, String vm, String command) {
        guestOp(OpDef.Verb.SSH, vm, options, command);
    }

    /** One command in a VM this run started, over ssh. <pre>{@code ssh 'web', 'uptime'}</pre> */
    @Keyword(summary = "after a VM starts: run a command in it over ssh", example = "ssh 'web', 'systemctl is-active nginx'",
            expects = "a VM name and a command (one line for the guest's shell), optionally user: and timeout:",
            options = {"user", "timeout"}, repl = false)
    @Values(kind = Values.Kind.VM)
    public void ssh(String vm, String command) {
        ssh(Map.of(), vm, command);
    }

    /** How long {@code waitForSsh} and {@code ssh} wait for ssh without timeout: (a cloud image's first boot, under TCG too). */
    static final long SSH_TIMEOUT_SECONDS = 300;

    /**
     * {@code ssh 'web'} without a command: a login shell is {@code kvmsh ssh web}'s, from your shell.
     * <pre>{@code ssh 'web', 'uptime'}</pre>
     */
    @Keyword(summary = "after a VM starts: run a command in it over ssh", example = "ssh 'web', 'systemctl is-active nginx'",
            expects = "a VM name and a command (one line for the guest's shell), optionally user: and timeout:",
            options = {"user", "timeout"}, repl = false)
    public void ssh(String vm) {
        if (decl().interactive()) {
            guestOp(OpDef.Verb.SSH, vm, Map.of(), null);
            return;
        }
        decl().problems.add(here(), "ssh '" + vm + "' needs the command to run there",
                "e.g. ssh '" + vm + "', 'uptime'; for a login shell, run kvmsh ssh " + vm + " from your shell");
    }

    /** The checked options of {@code waitForSsh} and {@code ssh}: timeout: as seconds, user: a login name. */
    private void guestOp(OpDef.Verb verb, String vm, Map<String, ?> given, String command) {
        String keyword = verb.keyword();
        if (decl().interactive()) {
            decl().problems.add(here(), keyword + " runs after a script's apply, for the VMs it starts; the REPL has no"
                    + " such apply", "log in from your shell with kvmsh ssh " + vm + (command == null ? "" : " '" + command + "'"));
            return;
        }
        Map<String, String> opts = StatementOptions.check(decl().problems, here(), keyword, given,
                List.of("timeout", "user"), List.of());
        if (opts == null) {
            return;
        }
        if (opts.containsKey("timeout")) {
            Object t = given.get("timeout");
            java.util.Optional<java.time.Duration> d = kvmsh.model.Durations.parse(t);
            if (d.isEmpty()) {
                decl().problems.add(here(), keyword + " timeout: " + kvmsh.model.Durations.problem(t),
                        "e.g. timeout: '5m' (" + kvmsh.model.Durations.HOW + ")");
                return;
            }
            opts.put("timeout", String.valueOf(d.get().toSeconds()));
        } else {
            opts.put("timeout", String.valueOf(SSH_TIMEOUT_SECONDS));
        }
        String user = opts.get("user");
        if (user != null && !user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            decl().problems.add(here(), keyword + " user: '" + user + "' is not a valid user name",
                    "use lower-case letters, digits, '_' and '-', starting with a letter, e.g. user: 'admin'");
            return;
        }
        if (command != null) {
            if (command.isBlank() || command.contains("\n") || command.contains("\0")) {
                decl().problems.add(here(), "ssh: the command must be one non-empty line",
                        "give one shell line; join several with ' && ' (or use runcmd in cloudInit for first-boot work)");
                return;
            }
            opts.put("command", command);
        }
        op(verb, vm, opts);
    }

    /**
     * Shows a VM's CPU %, memory and NIC/disk byte counters: one sample, or {@code samples:} samples
     * {@code interval:} seconds apart (like virt-manager's graphs, as a table).
     * <pre>{@code stats 'web', samples: 5, interval: 1}</pre>
     */
    @Keyword(summary = "CPU %, memory and I/O counters of a VM", example = "stats 'web', samples: 5, interval: 1",
            expects = "a VM name, optionally samples: and interval: (seconds)", options = {"samples", "interval"})
    public void stats(Map<String, ?> options, String vm) {
        op(OpDef.Verb.STATS, vm, options, List.of("samples", "interval"), List.of("samples", "interval"), List.of());
    }

    /** One sample of a VM's counters. <pre>{@code stats 'web'}</pre> */
    @Keyword(summary = "CPU %, memory and I/O counters of a VM", example = "stats 'web', samples: 5, interval: 1",
            expects = "a VM name, optionally samples: and interval: (seconds)", options = {"samples", "interval"})
    @Values(kind = Values.Kind.VM)
    public void stats(String vm) {
        op(OpDef.Verb.STATS, vm, Map.of());
    }

    /**
     * Prints lifecycle events (started, suspended, shutdown, stopped …) as they happen, for
     * {@code seconds:} (default 30), or until the VM reaches {@code until:} ('stopped', 'started' …).
     * <pre>{@code watch 'web', until: 'stopped', seconds: 120}</pre>
     */
    @Keyword(summary = "print a VM's lifecycle events as they happen (bounded)",
            example = "watch 'web', until: 'stopped', seconds: 60",
            expects = "a VM name (or only options, for every VM), optionally seconds: and until:", options = {"seconds", "until"})
    @Values(kind = Values.Kind.VM)
    public void watch(Map<String, ?> options, String vm) {
        Object until = options.get("until");
        if (until != null && !WATCH_EVENTS.contains(until.toString().toLowerCase(java.util.Locale.ROOT))) {
            decl().problems.add(here(), "watch until: '" + until + "' is no lifecycle event",
                    Keywords.suggestion(until.toString(), WATCH_EVENTS));
            return;
        }
        op(OpDef.Verb.WATCH, vm, options, List.of("seconds", "until"), List.of("seconds"), List.of());
    }

    /** libvirt's domain lifecycle events, as {@code watch} prints them and {@code until:} names them. */
    @Values(keyword = "watch", option = "until")
    static final List<String> WATCH_EVENTS = List.of("defined", "undefined", "started", "suspended", "resumed",
            "stopped", "shutdown", "pmsuspended", "crashed");

    /** Every VM's lifecycle events for {@code seconds:}. <pre>{@code watch seconds: 10}</pre> */
    @Keyword(summary = "print a VM's lifecycle events as they happen (bounded)",
            example = "watch 'web', until: 'stopped', seconds: 60",
            expects = "a VM name (or only options, for every VM), optionally seconds: and until:", options = {"seconds", "until"})
    public void watch(Map<String, ?> options) {
        op(OpDef.Verb.WATCH, null, options, List.of("seconds"), List.of("seconds"), List.of());
    }

    /**
     * Powers a VM off at once.
     * <pre>{@code destroy 'web'}</pre>
     */
    @Keyword(summary = "power a VM off at once", example = "destroy 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.RUNNING_VM)
    public void destroy(String vm) {
        op(OpDef.Verb.DESTROY, vm, Map.of());
    }

    /**
     * Removes a VM's definition.
     * <pre>{@code undefine 'web'}</pre>
     */
    @Keyword(summary = "remove a VM's definition", example = "undefine 'web'", expects = "a VM name")
    @Values(kind = Values.Kind.VM)
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
    @Values(kind = Values.Kind.VM)
    public void info(String vm) {
        op(OpDef.Verb.INFO, vm, Map.of());
    }

    /**
     * Shows a network's DHCP leases.
     * <pre>{@code leases 'lan'}</pre>
     */
    @Keyword(summary = "show a network's DHCP leases", example = "leases 'lan'", expects = "a network name")
    @Values(kind = Values.Kind.NETWORK)
    public void leases(String network) {
        op(OpDef.Verb.LEASES, network, Map.of());
    }

    /**
     * Moves a NIC to another network or host bridge while the VM runs: a tap by name, or a VM's NIC
     * by index ({@code nic: 0}) or MAC ({@code mac:}).
     * <pre>{@code attach 'vnet1', to: 'lan'}</pre>
     * <pre>{@code attach 'web', nic: 0, to: 'lan'}</pre>
     */
    @Keyword(summary = "move a NIC to a network or bridge, live", example = "attach 'web', nic: 0, to: 'lan'",
            expects = "a tap name and to: 'network' (or bridge: 'br0'); or a VM name with nic: or mac:",
            options = {"to", "bridge", "nic", "mac"})
    @Values(kind = Values.Kind.TAP)
    @Values(kind = Values.Kind.VM)
    @Values(option = "to", kind = Values.Kind.NETWORK)
    public void attach(Map<String, ?> options, String tapOrVm) {
        Map<String, String> opts = StatementOptions.check(decl().problems, here(), "attach", options,
                List.of("to", "bridge", "nic", "mac"), List.of("nic"));
        if (opts == null) {
            return;
        }
        if (opts.containsKey("to") == opts.containsKey("bridge") || (opts.containsKey("nic") && opts.containsKey("mac"))) {
            decl().problems.add(here(), "attach expects to: 'network' or bridge: 'br0' (and at most one of nic:, mac:)",
                    "e.g. attach 'vnet1', to: 'lan' or attach 'web', nic: 0, bridge: 'br0'");
            return;
        }
        if (opts.containsKey("mac")) {
            String problem = Macs.problem(opts.get("mac"));
            if (problem != null) {
                decl().problems.add(here(), problem, Macs.FIX);
                return;
            }
            opts.put("mac", Macs.normalize(opts.get("mac")));
        }
        op(OpDef.Verb.MOVE_NIC, tapOrVm, opts);
    }

    /**
     * Unplugs a tap device from its bridge.
     * <pre>{@code detach 'vnet1'}</pre>
     */
    @Keyword(summary = "unplug a tap from its bridge", example = "detach 'vnet1'", expects = "a tap name")
    @Values(kind = Values.Kind.TAP)
    public void detach(String tap) {
        op(OpDef.Verb.MOVE_NIC, tap, Map.of());
    }

    /** The options of {@code migrate} and {@code evacuate}, in the order help lists them. */
    static final List<String> MIGRATION_OPTIONS = List.of("to", "live", "copyStorage", "bandwidth", "timeout");

    /**
     * Moves a VM to another hypervisor of the script: live while it runs ({@code live: false} pauses it for
     * the copy), a stopped one by its definition. Its disks are copied unless they are on shared storage
     * ({@code copyStorage: 'auto'}, the default; {@code true} always, {@code false} never); {@code bandwidth:}
     * caps the copy in MiB/s, {@code timeout:} pauses a live migration after so many seconds so it can finish.
     * A VM the script declares is moved back by the next run unless its {@code on} changes too.
     * <pre>{@code migrate 'web', to: 'b', bandwidth: 100}</pre>
     */
    @Keyword(summary = "move a VM to another hypervisor (live while it runs)", example = "migrate 'web', to: 'b'",
            expects = "a VM name and to: (a hypervisor), optionally live:, copyStorage:, bandwidth: (MiB/s), timeout: (s)",
            options = {"to", "live", "copyStorage", "bandwidth", "timeout"}, repl = false)
    public void migrate(Map<String, ?> options, String vm) {
        Map<String, String> opts = migration("migrate", vm, options);
        if (opts != null) {
            op(OpDef.Verb.MIGRATE, vm, opts);
        }
    }

    /**
     * A migrate without its target: an error that says what to add.
     * <pre>{@code migrate 'web', to: 'b'}</pre>
     */
    @Keyword(summary = "move a VM to another hypervisor (live while it runs)", example = "migrate 'web', to: 'b'",
            expects = "a VM name and to: (a hypervisor), optionally live:, copyStorage:, bandwidth: (MiB/s), timeout: (s)",
            options = {"to", "live", "copyStorage", "bandwidth", "timeout"}, repl = false)
    public void migrate(String vm) {
        migrate(Map.of(), vm);
    }

    /**
     * Moves every VM of a hypervisor to another, one after the other (for maintenance): running ones live,
     * stopped ones by their definitions, with the options of {@code migrate}.
     * <pre>{@code evacuate 'a', to: 'b'}</pre>
     */
    @Keyword(summary = "move every VM of a hypervisor to another, one after the other", example = "evacuate 'a', to: 'b'",
            expects = "a hypervisor and to: (another), optionally live:, copyStorage:, bandwidth: (MiB/s), timeout: (s)",
            options = {"to", "live", "copyStorage", "bandwidth", "timeout"}, repl = false)
    public void evacuate(Map<String, ?> options, String hypervisor) {
        Map<String, String> opts = migration("evacuate", hypervisor, options);
        if (opts != null) {
            op(OpDef.Verb.EVACUATE, hypervisor, opts);
        }
    }

    /**
     * An evacuate without its target: an error that says what to add.
     * <pre>{@code evacuate 'a', to: 'b'}</pre>
     */
    @Keyword(summary = "move every VM of a hypervisor to another, one after the other", example = "evacuate 'a', to: 'b'",
            expects = "a hypervisor and to: (another), optionally live:, copyStorage:, bandwidth: (MiB/s), timeout: (s)",
            options = {"to", "live", "copyStorage", "bandwidth", "timeout"}, repl = false)
    public void evacuate(String hypervisor) {
        evacuate(Map.of(), hypervisor);
    }

    /**
     * The checked options of {@code migrate} or {@code evacuate}: to: is required, live: is true or false,
     * copyStorage: 'auto', true or false (as text: "true", "false", "auto"); null after reporting a problem.
     */
    private Map<String, String> migration(String keyword, String target, Map<String, ?> given) {
        Object live = given.get("live");
        Object copy = given.get("copyStorage");
        boolean ok = true;
        if (live != null && !(live instanceof Boolean)) {
            decl().problems.add(here(), keyword + " live: expects true or false, got '" + live + "'", "e.g. live: false");
            ok = false;
        }
        if (copy != null && !(copy instanceof Boolean) && !"auto".equals(copy.toString())) {
            decl().problems.add(here(), keyword + " copyStorage: expects 'auto', true or false, got '" + copy + "'",
                    "e.g. copyStorage: true (copy every disk), or false (shared storage)");
            ok = false;
        }
        Map<String, String> opts = StatementOptions.check(decl().problems, here(), keyword, given, MIGRATION_OPTIONS,
                List.of("bandwidth", "timeout"));
        if (opts == null || !ok) {
            return null;
        }
        if (opts.get("to") == null || opts.get("to").isBlank()) {
            decl().problems.add(here(), keyword + " needs to:", "e.g. " + keyword + " '" + target + "', to: 'b'");
            return null;
        }
        return opts;
    }

    /**
     * Waits, e.g. for a guest to boot before asking for its leases. Unlike Groovy's own
     * {@code sleep}, which ignores interrupts, Ctrl-C in the REPL ends the wait.
     * <pre>{@code sleep 5000}</pre>
     */
    @Keyword(summary = "wait so many milliseconds (Ctrl-C ends it in the REPL)", example = "sleep 5000",
            expects = "a number of milliseconds")
    public void sleep(long millis) throws InterruptedException {
        if (millis < 0) {
            decl().problems.add(here(), "sleep " + millis + " is negative", "e.g. sleep 5000 (milliseconds)");
            return;
        }
        Thread.sleep(millis);
    }

    /**
     * Makes this script a qemu tap hook: the tap qemu passes as the only argument joins
     * {@code network} (brought up first if needed) and, when it leaves, the network goes down with
     * its last tap. Use the file as both {@code script=} and {@code downscript=}.
     * <pre>{@code hook 'isolationbr'}</pre>
     */
    @Keyword(summary = "make this script a qemu tap hook joining a network", example = "hook 'isolationbr'",
            expects = "a network name, optionally on: 'up'|'down' and keep: true", repl = false)
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
            expects = "a network name, optionally on: 'up'|'down' and keep: true", repl = false)
    public void hook(Map<String, ?> options, String network) {
        if (decl().interactive()) {
            // qemu runs a hook as a program with the tap as its argument; a REPL session is no file it can run.
            decl().problems.add(here(), "hook makes a script file a qemu tap hook; the REPL cannot serve qemu's calls",
                    "put hook '" + network + "' in a .kvm file and give that file to qemu as script= and downscript=");
            return;
        }
        if (!Names.check(decl().problems, here(), "network", network, "hook 'isolationbr'")) {
            return;
        }
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
