package kvmsh.cli;

import java.util.Map;

import kvmsh.host.HostLinks;
import kvmsh.plan.StepFailedException;

/** Links of a remote hypervisor: kvmsh cannot create taps over a libvirt connection. */
final class RemoteLinks implements HostLinks {

    private final String uri;

    RemoteLinks(String uri) {
        this.uri = uri;
    }

    @Override
    public Map<String, String> list() {
        return Map.of();
    }

    @Override
    public void createTap(String tap, String bridge) {
        throw refused();
    }

    @Override
    public void plug(String tap, String bridge) {
        throw refused();
    }

    @Override
    public void delete(String tap) {
        throw refused();
    }

    private StepFailedException refused() {
        return new StepFailedException("named taps need kvmsh on the hypervisor host itself; " + uri
                + " is remote — use nic network: instead of tap:, or run kvmsh there");
    }
}
