package kvmsh.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kvmsh.cloudinit.CloudConfig;
import kvmsh.model.CloudInitDef;
import kvmsh.model.NetworkDef;
import kvmsh.model.NetworkMode;
import kvmsh.model.NicDef;
import kvmsh.model.StaticHost;
import kvmsh.model.VmDef;

/**
 * {@code networkConfig static: true}: the seed's network-config (netplan version 2) derived from
 * the VM's NICs and the script's static {@code host} reservations, so the guest configures the
 * addresses dnsmasq would lease it without asking for them. A NIC matches a reservation by its
 * MAC (as dnsmasq matches it), so every NIC needs a {@code mac:}; a NIC without a reservation uses DHCP. Only the first NIC on a NAT or routed
 * network gets the default route: two default routes would make the guest's traffic leave by
 * whichever the kernel picks.
 */
final class StaticNetworkConfig {

    private final Problems problems;
    private final Map<String, NetworkDef> networks = new LinkedHashMap<>();

    StaticNetworkConfig(Problems problems, List<NetworkDef> networks) {
        this.problems = problems;
        networks.forEach(n -> this.networks.put(n.name(), n));
    }

    /** Replaces, in {@code vms} (aligned with {@code specs}), the network-config of each VM that asks for it. */
    void derive(List<VmSpec> specs, List<VmDef> vms) {
        for (int i = 0; i < specs.size(); i++) {
            VmSpec spec = specs.get(i);
            VmDef vm = vms.get(i);
            if (spec.cloudInit == null || spec.cloudInit.staticNetwork == null || vm == null || vm.cloudInit() == null) {
                continue;
            }
            String text = render(spec, vm);
            if (text != null) {
                vms.set(i, vm.withCloudInit(vm.cloudInit().withNetworkConfig(text)));
            }
        }
    }

    private String render(VmSpec spec, VmDef vm) {
        var at = spec.cloudInit.staticNetwork;
        Map<String, Object> ethernets = new LinkedHashMap<>();
        boolean reserved = false;
        boolean routed = false;
        for (int n = 0; n < vm.nics().size(); n++) {
            NicDef nic = vm.nics().get(n);
            NetworkDef net = nic.network() == null ? null : networks.get(nic.network());
            Optional<StaticHost> host = net == null ? Optional.empty() : reservation(net, nic, vm.name());
            if (nic.mac() == null) {
                // The guest tells its NICs apart by MAC; libvirt picks one only when the VM is defined.
                problems.add(nic.origin(), host.map(h -> "networkConfig static: true, but this NIC has no mac: and network '"
                        + net.name() + "' reserves " + address(h) + " for host '" + h.name() + "' by MAC " + h.mac())
                        .orElse("networkConfig static: true needs a mac: on each NIC, so the guest can match it"),
                        host.map(h -> "give the NIC that MAC: mac: '" + h.mac() + "'")
                                .orElse("give this NIC a mac: (e.g. mac: '52:54:00:…')"));
                return null;
            }
            Map<String, Object> eth = new LinkedHashMap<>();
            eth.put("match", Map.of("macaddress", nic.mac().toLowerCase(Locale.ROOT)));
            if (host.isEmpty()) {
                eth.put("dhcp4", true);
                if (net != null && net.ipv6() != null) {
                    eth.put("dhcp6", net.ipv6().dhcp() != null);
                    eth.put("accept-ra", true);
                }
            } else {
                reserved = true;
                StaticHost h = host.get();
                List<String> addresses = new ArrayList<>();
                if (h.ip() != null) {
                    addresses.add(h.ip() + "/" + net.prefix());
                }
                if (h.ip6() != null && net.ipv6() != null) {
                    addresses.add(h.ip6() + "/" + net.ipv6().prefix());
                    eth.put("accept-ra", true);
                }
                eth.put("addresses", addresses);
                boolean outward = net.mode() == NetworkMode.NAT || net.mode() == NetworkMode.ROUTED;
                if (outward && net.gateway() != null && h.ip() != null && !routed) {
                    routed = true;
                    eth.put("routes", List.of(Map.of("to", "default", "via", net.gateway())));
                }
                if (net.gateway() != null && net.mode() != NetworkMode.BRIDGE) {
                    Map<String, Object> dns = new LinkedHashMap<>();
                    dns.put("addresses", List.of(net.gateway()));
                    if (net.domain() != null) {
                        dns.put("search", List.of(net.domain()));
                    }
                    eth.put("nameservers", dns);
                }
            }
            ethernets.put("nic" + n, eth);
        }
        if (!reserved) {
            problems.add(at, "networkConfig static: true, but no NIC of vm '" + vm.name()
                    + "' has a static host reservation in the script's networks",
                    "add host '" + vm.name() + "', mac: …, ip: … to the NIC's network and give the NIC that mac:");
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 2);
        doc.put("ethernets", ethernets);
        return CloudConfig.dump(doc);
    }

    /** The reservation of this NIC: by its MAC, or (to name the MAC it should have) by the VM's name. */
    private static Optional<StaticHost> reservation(NetworkDef net, NicDef nic, String vm) {
        if (nic.mac() != null) {
            return net.hosts().stream().filter(h -> h.mac() != null && h.mac().equalsIgnoreCase(nic.mac())).findFirst();
        }
        return net.hosts().stream().filter(h -> vm.equals(h.name()) && h.mac() != null).findFirst();
    }

    private static String address(StaticHost h) {
        return h.ip() != null ? h.ip() : h.ip6();
    }
}
