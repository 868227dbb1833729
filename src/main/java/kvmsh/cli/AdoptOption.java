package kvmsh.cli;

import picocli.CommandLine.Option;

/** {@code --adopt} of {@code plan} and {@code run} (a picocli mixin, so both say it the same way). */
final class AdoptOption {

    @Option(names = "--adopt", description = "take declared VMs and networks that exist but kvmsh does not manage"
            + " under management (writes kvmsh's metadata only; kvmsh import writes their declarations)")
    boolean adopt;
}
