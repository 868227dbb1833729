package kvmsh.cli;

import picocli.CommandLine.Option;

/** {@code --adopt} of {@code plan}, {@code run} and {@code down} (a picocli mixin, so they say it the same way). */
final class AdoptOption {

    @Option(names = "--adopt", description = "take over the declared VMs and networks that exist but kvmsh does not"
            + " manage, or manages for another script or REPL session (writes kvmsh's metadata only; kvmsh import"
            + " writes their declarations)")
    boolean adopt;
}
