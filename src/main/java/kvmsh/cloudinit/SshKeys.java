package kvmsh.cloudinit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * OpenSSH public keys ({@code ssh-ed25519 AAAA… comment}, one line, as in {@code authorized_keys}):
 * checked before they reach a guest, where a wrong one would only show as a login that fails.
 */
public final class SshKeys {

    /** The key types OpenSSH accepts in authorized_keys. */
    static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeys() {
    }

    /** True when {@code text} starts like a public key line (a known type and a space). */
    public static boolean looksLikeKey(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        return space > 0 && TYPES.contains(t.substring(0, space));
    }

    /** What is wrong with {@code line} as an OpenSSH public key, or null when it is one. */
    public static String problem(String line) {
        String t = line.strip();
        if (t.contains("PRIVATE KEY")) {
            return "this is a private key";
        }
        if (t.contains("\n")) {
            return "a public key is one line, this text has several";
        }
        String[] parts = t.split("\\s+", 3);
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            return "'" + abbreviate(t) + "' is not an OpenSSH public key";
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return "the key data of '" + abbreviate(t) + "' is not base64";
        }
        // The blob starts with the key type again, as a length-prefixed string (RFC 4253 section 6.6).
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (blob.length < 4) {
            return "the key data of '" + abbreviate(t) + "' is truncated";
        }
        int n = b.getInt();
        if (n <= 0 || n > b.remaining()) {
            return "the key data of '" + abbreviate(t) + "' is truncated";
        }
        String inner = new String(blob, 4, n, StandardCharsets.US_ASCII);
        if (!inner.equals(parts[0])) {
            return "the key data of '" + abbreviate(t) + "' is a " + inner + " key, not " + parts[0];
        }
        return null;
    }

    /** SHA-256 of the key's decoded data in hex: what {@code ssh-keygen -lf} shows, in hex rather than base64. */
    public static String sha256(String line) {
        byte[] blob = Base64.getDecoder().decode(line.strip().split("\\s+")[1]);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "…";
    }
}
