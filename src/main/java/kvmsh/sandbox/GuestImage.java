package kvmsh.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiny test guest: a Debian kernel and a busybox initramfs whose /init configures eth0 by DHCP,
 * pings the addresses given on the kernel command line and reports on the serial console:
 * <pre>
 *   KVMSH seed instance-id=kvmsh-… hostname=web1 keys=SHA256:…   (only with a cloud-init seed)
 *   KVMSH lease 10.0.0.57        (or: KVMSH lease none)
 *   KVMSH ping 10.0.0.254 ok     (or: fail)
 *   KVMSH done
 * </pre>
 * then powers off. Build one with {@link GuestImageBuilder}.
 *
 * <p>Example: {@code <cmdline>GuestImage.cmdline(List.of("10.0.0.254"), 0, false)</cmdline>}
 */
public record GuestImage(String kernelVersion, Path kernel, Path initrd) {

    /**
     * The kernel command line for this guest.
     *
     * @param ping addresses to ping after the lease ({@code kvmsh.ping=a,b})
     * @param waitSeconds seconds to stay up after pinging, so other guests can ping this one ({@code kvmsh.wait=N})
     * @param stay never power off ({@code kvmsh.stay=1}); the test destroys the guest itself
     */
    public static String cmdline(List<String> ping, int waitSeconds, boolean stay) {
        List<String> args = new ArrayList<>(List.of("console=ttyS0", "panic=-1", "loglevel=4"));
        if (!ping.isEmpty()) {
            args.add("kvmsh.ping=" + String.join(",", ping));
        }
        if (waitSeconds > 0) {
            args.add("kvmsh.wait=" + waitSeconds);
        }
        if (stay) {
            args.add("kvmsh.stay=1");
        }
        return String.join(" ", args);
    }
}
