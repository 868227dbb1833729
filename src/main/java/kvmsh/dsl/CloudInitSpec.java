package kvmsh.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import kvmsh.cloudinit.CloudConfig;
import kvmsh.cloudinit.SshKeys;
import kvmsh.model.CloudInitDef;
import kvmsh.model.Origin;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The settings of a {@code cloudInit { … }} block inside a vm: the guest's identity, users, keys
 * and first-boot work, handed to cloud-init on a NoCloud seed. Every value is checked here (keys are
 * OpenSSH public keys, user-data is YAML with its {@code #cloud-config} line), so a mistake is an
 * error at its line and not a guest that silently ignores it.
 *
 * <p>{@code userData} <b>merges</b> with the other settings: the user's document is the base, the
 * block's {@code hostname} and {@code timezone} replace its values, and {@code user}, {@code packages},
 * {@code runcmd} and {@code writeFile} entries follow its own lists.
 */
public final class CloudInitSpec extends BlockSpec {

    Located<String> hostname;
    final List<CloudInitDef.User> users = new ArrayList<>();
    final List<String> packages = new ArrayList<>();
    final List<String> runcmd = new ArrayList<>();
    final List<CloudInitDef.WriteFile> writeFiles = new ArrayList<>();
    String timezone;
    /** The user's cloud-config, already read and checked. */
    String userData;
    String networkConfig;
    /** Where {@code networkConfig static: true} asks for a network-config derived from the reservations, or null. */
    Origin staticNetwork;

    CloudInitSpec(String vmName, Origin origin, Declarations decl, KvmshScript script) {
        super(vmName, origin, decl, script);
    }

    @Override
    String blockName() {
        return "cloudInit";
    }

    /**
     * The guest's hostname (default: the VM's name, or what {@code userData} sets).
     * <pre>{@code hostname 'web1'}</pre>
     */
    @Keyword(summary = "the guest's hostname (default: the VM's name)", example = "hostname 'web1'",
            expects = "a hostname like 'web1'")
    public void hostname(String name) {
        // RFC 1123 labels: what a guest's hostname(1) and DHCP accept.
        if (!name.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")
                || name.length() > 253) {
            problem("'" + name + "' is not a valid hostname", "use letters, digits and '-', e.g. hostname 'web1'");
            return;
        }
        hostname = new Located<>(name, here());
    }

    /** A user without options (login by password or key only when given). <pre>{@code user 'admin'}</pre> */
    @Keyword(repeatable = true, summary = "a user of the guest: sshKey:, sudo:, password:",
            example = "user 'admin', sshKey: '~/.ssh/id_ed25519.pub', sudo: true",
            expects = "a user name, optionally sshKey: (key text, a .pub file, or a list), sudo: (true or a sudoers rule), password:",
            options = {"sshKey", "sudo", "password"})
    public void user(String name) {
        user(Map.of(), name);
    }

    /**
     * A user of the guest (repeatable): {@code sshKey:} is a public key's text or a file holding it
     * ({@code ~} expands; a list gives several), {@code sudo: true} allows every command without a
     * password (a string is a sudoers rule), {@code password:} is a password or a crypt(3) hash.
     * <pre>{@code user 'admin', sshKey: '~/.ssh/id_ed25519.pub', sudo: true}</pre>
     */
    @Keyword(repeatable = true, summary = "a user of the guest: sshKey:, sudo:, password:",
            example = "user 'admin', sshKey: '~/.ssh/id_ed25519.pub', sudo: true",
            expects = "a user name, optionally sshKey: (key text, a .pub file, or a list), sudo: (true or a sudoers rule), password:",
            options = {"sshKey", "sudo", "password"})
    public void user(Map<String, ?> options, String name) {
        if (!knownOptions("user", options, List.of("password", "sshKey", "sudo"))) {
            return;
        }
        if (!name.matches("[a-z_][a-z0-9_-]{0,31}")) {
            problem("'" + name + "' is not a valid user name",
                    "use lower-case letters, digits, '_' and '-', starting with a letter, e.g. user 'admin'");
            return;
        }
        if (users.stream().anyMatch(u -> u.name().equals(name))) {
            problem("user '" + name + "' is declared twice", "declare each user once");
            return;
        }
        List<String> keys = new ArrayList<>();
        Object k = options.get("sshKey");
        Collection<?> given = k == null ? List.of() : k instanceof Collection<?> c ? c : List.of(k);
        for (Object key : given) {
            String line = key(String.valueOf(key));
            if (line == null) {
                return;
            }
            keys.add(line);
        }
        String sudo = null;
        Object s = options.get("sudo");
        if (s instanceof Boolean b) {
            sudo = b ? "ALL=(ALL) NOPASSWD:ALL" : null;
        } else if (s != null) {
            sudo = String.valueOf(s);
        }
        String password = str(options, "password");
        users.add(new CloudInitDef.User(name, keys, sudo, password, here()));
    }

    /** One key: its text, or the text of the file it names; null (and a problem) when it is not a public key. */
    private String key(String value) {
        String text = value;
        if (!SshKeys.looksLikeKey(value) && !value.contains("PRIVATE KEY")) {
            Path file = Path.of(decl.absolute(expand(value)));
            if (!Files.isRegularFile(file)) {
                problem("sshKey '" + value + "' is not an OpenSSH public key, and no such file exists",
                        "give the key's text ('ssh-ed25519 AAAA…') or its .pub file");
                return null;
            }
            try {
                text = Files.readString(file).strip();
            } catch (IOException e) {
                problem("cannot read sshKey file " + file + ": " + e.getMessage(), "check the file's permissions");
                return null;
            }
        }
        String p = SshKeys.problem(text);
        if (p != null) {
            problem("sshKey " + (text.equals(value) ? "" : "file " + value + ": ") + p,
                    p.startsWith("this is a private key") ? "give the public key (the .pub file next to it)"
                            : "give an OpenSSH public key: 'ssh-ed25519 AAAA… comment' or its .pub file");
            return null;
        }
        return text;
    }

    /**
     * Packages to install at first boot (repeatable).
     * <pre>{@code packages 'nginx', 'curl'}</pre>
     */
    @Keyword(repeatable = true, summary = "packages to install at first boot", example = "packages 'nginx', 'curl'",
            expects = "one or more package names")
    public void packages(String... names) {
        for (String n : names) {
            if (n.isBlank() || n.chars().anyMatch(Character::isWhitespace)) {
                problem("'" + n + "' is not a package name", "give one name per argument: packages 'nginx', 'curl'");
                return;
            }
        }
        packages.addAll(Arrays.asList(names));
    }

    /**
     * Shell commands cloud-init runs once, at first boot, in order (repeatable).
     * <pre>{@code runcmd 'systemctl enable --now nginx'}</pre>
     */
    @Keyword(repeatable = true, summary = "shell commands run once at first boot", example = "runcmd 'systemctl enable --now nginx'",
            expects = "one or more shell commands as strings")
    public void runcmd(String... commands) {
        runcmd.addAll(Arrays.asList(commands));
    }

    /**
     * A file written at first boot.
     * <pre>{@code writeFile '/etc/motd', 'managed by kvmsh\n'}</pre>
     */
    @Keyword(repeatable = true, summary = "a file written at first boot", example = "writeFile '/etc/motd', 'managed by kvmsh\\n'",
            expects = "an absolute path in the guest and the file's text")
    public void writeFile(String path, String content) {
        if (!path.startsWith("/")) {
            problem("writeFile path '" + path + "' is not absolute", "write the guest path from /, e.g. '/etc/motd'");
            return;
        }
        writeFiles.add(new CloudInitDef.WriteFile(path, content, here()));
    }

    /**
     * The guest's time zone (IANA name).
     * <pre>{@code timezone 'Europe/Berlin'}</pre>
     */
    @Keyword(summary = "the guest's time zone (IANA name)", example = "timezone 'Europe/Berlin'",
            expects = "an IANA time zone like 'Europe/Berlin' or 'UTC'")
    public void timezone(String zone) {
        try {
            ZoneId.of(zone);
            if (!ZoneId.getAvailableZoneIds().contains(zone) && !zone.equals("UTC")) {
                throw new DateTimeException(zone);
            }
        } catch (DateTimeException e) {
            problem("unknown time zone '" + zone + "'", Keywords.nearest(zone, ZoneId.getAvailableZoneIds())
                    .map(n -> "did you mean '" + n + "'?").orElse("use an IANA name like 'Europe/Berlin' or 'UTC'"));
            return;
        }
        timezone = zone;
    }

    /**
     * A whole {@code #cloud-config} of your own, as text or a file: the other settings of the block are
     * merged over it (its scalars replaced by hostname and timezone, its lists extended by user, packages,
     * runcmd and writeFile).
     * <pre>{@code userData 'cloud-config.yaml'}</pre>
     */
    @Keyword(summary = "your own #cloud-config (text or file), merged with the other settings",
            example = "userData 'cloud-config.yaml'",
            expects = "a #cloud-config document as text, or a path to one")
    public void userData(String textOrFile) {
        String text = textOrFile(textOrFile, "userData");
        if (text == null) {
            return;
        }
        if (!text.startsWith(CloudConfig.HEADER)) {
            problem("userData lacks its first line '" + CloudConfig.HEADER + "'",
                    "start it with #cloud-config (cloud-init ignores user-data without it)");
            return;
        }
        if (yaml(text, "userData") != null) {
            userData = text;
        }
    }

    /**
     * The seed's {@code network-config} (netplan version 2), as text or a file, for static addresses;
     * without it the guest configures its NICs by DHCP.
     * <pre>{@code networkConfig 'network.yaml'}</pre>
     */
    @Keyword(summary = "network-config for the seed (netplan v2, text or file)", example = "networkConfig 'network.yaml'",
            expects = "a netplan version 2 document as text, or a path to one")
    public void networkConfig(String textOrFile) {
        String text = textOrFile(textOrFile, "networkConfig");
        if (text == null) {
            return;
        }
        Map<String, Object> doc = yaml(text, "networkConfig");
        if (doc == null) {
            return;
        }
        Object inner = doc.get("network") instanceof Map<?, ?> m ? m.get("version") : doc.get("version");
        if (!"2".equals(String.valueOf(inner))) {
            problem("networkConfig is not netplan version 2 (no 'version: 2')",
                    "start it with version: 2, e.g. 'version: 2\\nethernets: …'");
            return;
        }
        networkConfig = text;
    }

    /**
     * {@code networkConfig static: true}: a network-config kvmsh derives from the VM's NICs and the
     * static {@code host} reservations of the script's networks — each NIC whose MAC a reservation
     * holds gets that reservation's addresses (and, on the first NAT or routed network, the default
     * route and the gateway as DNS server); the other NICs use DHCP.
     * <pre>{@code networkConfig static: true}</pre>
     */
    @Keyword(summary = "network-config derived from the networks' static host reservations",
            example = "networkConfig static: true",
            expects = "static: true, or a netplan version 2 document as text or a path to one",
            options = {"static"})
    public void networkConfig(Map<String, ?> options) {
        if (!knownOptions("networkConfig", options, List.of("static"))) {
            return;
        }
        if (!Boolean.TRUE.equals(options.get("static"))) {
            problem("networkConfig static: takes true", "write networkConfig static: true, or leave it out for DHCP");
            return;
        }
        staticNetwork = here();
    }

    /** A multi-line or {@code #}-led value is text; anything else names a file. */
    private String textOrFile(String value, String keyword) {
        if (value.contains("\n") || value.startsWith("#")) {
            return value;
        }
        Path file = Path.of(decl.absolute(expand(value)));
        if (!Files.isRegularFile(file)) {
            problem(keyword + " file " + file + " does not exist",
                    "give the document's text (it has several lines) or the path of a file holding it");
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            problem("cannot read " + keyword + " file " + file + ": " + e.getMessage(), "check the file's permissions");
            return null;
        }
    }

    private Map<String, Object> yaml(String text, String keyword) {
        try {
            return CloudConfig.parseMapping(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            problem(keyword + " is not valid YAML: " + e.getProblem()
                    + (mark == null ? "" : " at its line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)),
                    "fix the YAML (indent with spaces, 'key: value')");
        } catch (YAMLException e) {
            problem(keyword + " is not valid YAML: " + e.getMessage(), "fix the YAML (a mapping of 'key: value')");
        }
        return null;
    }

    static String expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
