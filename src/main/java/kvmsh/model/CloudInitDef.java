package kvmsh.model;

import java.util.List;

/**
 * A VM's cloud-init data, given to the guest on a NoCloud seed (an ISO 9660 with volume label
 * {@code cidata}) that kvmsh builds, uploads into the VM's pool and attaches read-only as a CD-ROM.
 *
 * @param hostname      the guest's hostname (default: the VM's name, or the one {@code userData} sets)
 * @param users         users to create, in declaration order
 * @param packages      packages to install at first boot
 * @param runcmd        shell commands run once at first boot, in order
 * @param writeFiles    files written at first boot
 * @param timezone      an IANA time zone ({@code Europe/Berlin}), or null
 * @param userData      the user's own {@code #cloud-config} text, merged under the settings above, or null
 * @param networkConfig the seed's {@code network-config} (netplan version 2) as text, or null for none
 * @param seedPool      pool of the seed volume; null until the planner resolves the host's default pool
 * @param seedVolume    name of the seed volume ({@code <vm>-cidata.iso})
 * @param seedTarget    the seed CD-ROM's guest device ({@code hdc} …)
 * @param origin        where the {@code cloudInit} block is
 */
public record CloudInitDef(
        String hostname,
        List<User> users,
        List<String> packages,
        List<String> runcmd,
        List<WriteFile> writeFiles,
        String timezone,
        String userData,
        String networkConfig,
        String seedPool,
        String seedVolume,
        String seedTarget,
        Origin origin) {

    public CloudInitDef {
        users = List.copyOf(users);
        packages = List.copyOf(packages);
        runcmd = List.copyOf(runcmd);
        writeFiles = List.copyOf(writeFiles);
    }

    /** This seed with another network-config. */
    public CloudInitDef withNetworkConfig(String text) {
        return new CloudInitDef(hostname, users, packages, runcmd, writeFiles, timezone, userData, text, seedPool,
                seedVolume, seedTarget, origin);
    }

    /** This seed in another pool (the planner resolves a missing pool to the host's default). */
    public CloudInitDef inPool(String pool) {
        return new CloudInitDef(hostname, users, packages, runcmd, writeFiles, timezone, userData, networkConfig, pool,
                seedVolume, seedTarget, origin);
    }

    /**
     * A user of the guest.
     *
     * @param name     login name
     * @param sshKeys  OpenSSH public keys (one line each) authorized for the user
     * @param sudo     a sudoers rule ({@code ALL=(ALL) NOPASSWD:ALL}), or null for none
     * @param password a password, plain or crypt(3)-hashed ({@code $6$…}), or null (login by key only)
     * @param origin   where the {@code user} statement is
     */
    public record User(String name, List<String> sshKeys, String sudo, String password, Origin origin) {
        public User {
            sshKeys = List.copyOf(sshKeys);
        }
    }

    /**
     * A file cloud-init writes at first boot.
     *
     * @param path    absolute path in the guest
     * @param content the file's text
     * @param origin  where the {@code writeFile} statement is
     */
    public record WriteFile(String path, String content, Origin origin) {
    }
}
