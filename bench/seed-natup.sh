#!/bin/bash
# The seed's /etc/qemu-natup, kept as the benchmark's baseline (bench/hook-latency.sh runs it only
# inside a throwaway network namespace). Its logic is copied faithfully, bugs included: STP on with
# forward delay 0, `grep "^BRIDGE"`, a MASQUERADE appended on every start, `ps | grep dnsmasq`.
# It has no sleep: the seed has none. Deviations, all for running it safely here: `ip link`/`ip addr`
# instead of brctl and ifconfig (not installed), and pid/lease files under $SEED_RUN instead of
# /var/run (the bench's namespace and directory).
BRIDGE=isolationbr
NETWORK=10.0.0.0
NETMASK=255.0.0.0
GATEWAY=10.0.0.254
DHCPRANGE=10.0.0.1,10.0.0.100
RUN=${SEED_RUN:-/var/run}

function check_bridge() {
    if ip -o link show type bridge | awk -F': ' '{print $2}' | grep "^BRIDGE" > /dev/null 2> /dev/null; then
        return 1
    else
        return 0
    fi
}

function create_bridge() {
    ip link add "$1" type bridge 2>/dev/null
    ip link set dev "$1" type bridge stp_state 1
    ip link set dev "$1" type bridge forward_delay 0
    ip addr add "$GATEWAY/$NETMASK" dev "$1" 2>/dev/null
    ip link set dev "$1" up
}

function enable_ip_forward() {
    echo 1 > /proc/sys/net/ipv4/ip_forward
}

function add_filter_rules() {
    iptables -t nat -A POSTROUTING -s "$NETWORK/$NETMASK" -d "$NETWORK/$NETMASK" -j ACCEPT
    iptables -t nat -A POSTROUTING -s "$NETWORK/$NETMASK" -j MASQUERADE
}

function start_dnsmasq() {
    # ps sees every dnsmasq on the machine (libvirt's too), not only ours.
    ps -ef | grep "dnsmasq" | grep -v "grep" > /dev/null 2>&1
    if test $? -eq 0 ; then
        echo "Warning: dnsmasq is already running. No need to run it again." >&2
        return 1
    fi
    dnsmasq --strict-order --except-interface=lo --interface="$BRIDGE" --listen-address="$GATEWAY" \
        --bind-interfaces --dhcp-range="$DHCPRANGE" --conf-file="" \
        --pid-file="$RUN/qemu-dnsmasq-$BRIDGE.pid" --dhcp-leasefile="$RUN/qemu-dnsmasq-$BRIDGE.leases" \
        --dhcp-no-override
}

function setup_bridge_nat() {
    if check_bridge "$1" ; then
        create_bridge "$1"
        enable_ip_forward
        add_filter_rules "$1"
        start_dnsmasq "$1"
    fi
}

if test -n "$1" ; then
    ip link set "$1" up
    ip link set "$1" master "$BRIDGE" 2>/dev/null
    setup_bridge_nat "$BRIDGE"
    ip link set "$1" master "$BRIDGE"
    exit 0
else
    echo "Error: no interface specified" >&2
    exit 1
fi
