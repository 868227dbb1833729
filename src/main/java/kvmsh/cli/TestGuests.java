package kvmsh.cli;

import java.io.PrintWriter;
import java.util.Optional;

import kvmsh.dsl.TestGuest;
import kvmsh.host.ProcessRunner;
import kvmsh.sandbox.GuestImage;
import kvmsh.sandbox.GuestImageBuilder;
import kvmsh.sandbox.SandboxException;

/** Builds (or finds in its cache) the tiny test guest for scripts that say {@code guest}. */
final class TestGuests {

    private TestGuests() {
    }

    static Optional<TestGuest> build(PrintWriter err) {
        try {
            GuestImage image = new GuestImageBuilder(new ProcessRunner()).build();
            return Optional.of(new TestGuest(image.kernel().toString(), image.initrd().toString()));
        } catch (SandboxException | java.io.UncheckedIOException e) {
            err.println("kvmsh: cannot build the test guest: " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }
}
