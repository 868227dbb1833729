package kvmsh.cloudinit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvmsh.model.CloudInitDef;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Renders a {@link CloudInitDef} as the files of a NoCloud seed, through a YAML library (maps in,
 * YAML out; nothing is concatenated). The user's own {@code userData} is the base: the block's
 * settings are merged over it, a scalar ({@code hostname}, {@code timezone}) replacing the user's value
 * and a list ({@code users}, {@code packages}, {@code runcmd}, {@code write_files}) extended after the
 * user's entries.
 */
public final class CloudConfig {

    /** The first line cloud-init requires of a cloud-config user-data. */
    public static final String HEADER = "#cloud-config";

    private CloudConfig() {
    }

    /** The seed's files for {@code c}. */
    public static SeedFiles render(CloudInitDef c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (c.userData() != null) {
            doc.putAll(parseMapping(c.userData()));
        }
        doc.put("hostname", c.hostname());
        if (c.timezone() != null) {
            doc.put("timezone", c.timezone());
        }
        List<Object> users = new ArrayList<>();
        for (CloudInitDef.User u : c.users()) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("name", u.name());
            user.put("shell", "/bin/bash");
            if (!u.sshKeys().isEmpty()) {
                user.put("ssh_authorized_keys", u.sshKeys());
            }
            if (u.sudo() != null) {
                user.put("sudo", u.sudo());
            }
            if (u.password() != null) {
                // A crypt(3) hash goes to passwd; anything else is the password itself.
                user.put(u.password().startsWith("$") ? "passwd" : "plain_text_passwd", u.password());
                user.put("lock_passwd", false);
            }
            users.add(user);
        }
        extend(doc, "users", users);
        extend(doc, "packages", new ArrayList<>(c.packages()));
        extend(doc, "runcmd", new ArrayList<>(c.runcmd()));
        List<Object> files = new ArrayList<>();
        for (CloudInitDef.WriteFile f : c.writeFiles()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("content", f.content());
            files.add(file);
        }
        extend(doc, "write_files", files);

        String userData = HEADER + "\n" + yaml().dump(doc);
        String network = c.networkConfig() == null ? null : yaml().dump(parseMapping(c.networkConfig()));
        String instanceId = "kvmsh-" + sha256(userData + "\0" + (network == null ? "" : network)).substring(0, 16);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("instance-id", instanceId);
        meta.put("local-hostname", c.hostname());
        return new SeedFiles(userData, yaml().dump(meta), network, instanceId);
    }

    /**
     * The user {@code kvmsh ssh} logs in as: the block's first {@code user}; without one, the first
     * user {@code userData} names in its {@code users:} list (a name, or a mapping's {@code name:};
     * cloud-init's {@code default} is skipped, its name depends on the image); null when neither has one.
     */
    public static String login(CloudInitDef c) {
        if (!c.users().isEmpty()) {
            return c.users().get(0).name();
        }
        if (c.userData() == null || !(parseMapping(c.userData()).get("users") instanceof List<?> users)) {
            return null;
        }
        for (Object u : users) {
            Object name = u instanceof Map<?, ?> m ? m.get("name") : u;
            if (name instanceof String n && !n.isBlank() && !n.equals("default")) {
                return n;
            }
        }
        return null;
    }

    /**
     * {@code text} as a YAML mapping.
     *
     * @throws YAMLException when it is not YAML, or not a mapping at its top
     */
    public static Map<String, Object> parseMapping(String text) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (parsed == null) {
            return new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new YAMLException("the document is a " + kind(parsed) + ", not a mapping of settings");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String kind(Object o) {
        return o instanceof List<?> ? "list" : o instanceof String ? "string" : o.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static void extend(Map<String, Object> doc, String key, List<Object> more) {
        if (more.isEmpty()) {
            return;
        }
        List<Object> list = new ArrayList<>();
        if (doc.get(key) instanceof List<?> existing) {
            list.addAll((List<Object>) existing);
        }
        list.addAll(more);
        doc.put(key, list);
    }

    /** {@code doc} as a YAML document, in the seed's style (block style, no line splitting). */
    public static String dump(Map<String, Object> doc) {
        return yaml().dump(doc);
    }

    private static Yaml yaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setWidth(4096);
        o.setSplitLines(false);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
