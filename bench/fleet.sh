#!/usr/bin/env bash
# Fleet benchmark, in the sandbox (a private libvirtd in network namespaces, real TCG guests):
# `kvmsh run` of a script with 8 running test guests and 1 network, and `kvmsh down` of it, against
# (a) a sequential virsh loop doing the same calls (bench/virsh-loop.sh: net-define, net-autostart,
# net-start, then define + start per VM; down: destroy + undefine per VM, then the network) and
# (b) the same with `xargs -P 8 virsh …` (the floor: every VM at once, no planning). All three run
# in the same bench run, alternating, over the same XML (what kvmsh defined, dumped from libvirt).
# Every down starts once all 8 guests have booted (leased): see settled() below.
#
#   bench/fleet.sh [REPS]        (default 3) as root; prints markdown table rows
#
# Root only (the sandbox needs it); otherwise it says so and exits 0. The sandbox has a fixed name
# (kvmsh-fleet): run one at a time (the dev machine's e2e lock: flock /tmp/kvmsh-dev-e2e.lock).
# It is removed at the end, also on failure.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
reps="${1:-3}"
vms=8
if [[ $(id -u) -ne 0 ]]; then
  echo "bench/fleet.sh: needs root (the sandbox): skipped" >&2
  exit 0
fi
name=kvmsh-fleet
kvmsh() { "$here/bin/kvmsh" "$@"; }
work="$(mktemp -d /tmp/kvmsh-fleet.XXXXXX)"
cleanup() {
  kvmsh sandbox down "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
kvmsh sandbox up "$name" >/dev/null
uri="$(kvmsh sandbox status "$name" | awk '/qemu\+unix/ { for (i = 1; i <= NF; i++) if ($i ~ /^qemu\+unix/) print $i }' | head -1)"
[[ -n "$uri" ]] || { echo "bench/fleet.sh: no libvirt URI for sandbox $name" >&2; exit 1; }
v() { virsh -q -c "$uri" "$@"; }

{
  echo "network 'fleetnet' { nat '10.77.0.0/24'; dhcp '10.77.0.10'..'10.77.0.200' }"
  for i in $(seq "$vms"); do
    echo "vm 'fleet$i' { memory 128; accel 'tcg'; guest stay: true; nic network: 'fleetnet' }"
  done
} >"$work/fleet.kvm"

# The XML both loops define: what kvmsh defined, so all three sides make the same objects.
kvmsh -c "sandbox:$name" run "$work/fleet.kvm" >/dev/null
mkdir -p "$work/xml"
v net-dumpxml --inactive fleetnet >"$work/xml/net-fleetnet.xml"
for i in $(seq "$vms"); do v dumpxml --inactive "fleet$i" >"$work/xml/vm-fleet$i.xml"; done
kvmsh -c "sandbox:$name" down --yes "$work/fleet.kvm" >/dev/null

# Wall seconds of one command; a failure stops the bench.
seconds() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>"$work/stderr" || { echo "bench/fleet.sh: failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }'
}
names() { for i in $(seq "$vms"); do echo "fleet$i"; done; }
seq_down() {
  local n
  for n in $(names); do v "destroy $n; undefine $n" >/dev/null; done
  v "net-destroy fleetnet; net-undefine fleetnet" >/dev/null
}
par_run() {
  v "net-define $work/xml/net-fleetnet.xml; net-autostart fleetnet; net-start fleetnet" >/dev/null
  names | xargs -P "$vms" -I{} virsh -q -c "$uri" "define $work/xml/vm-{}.xml; start {}" >/dev/null
}
par_down() {
  names | xargs -P "$vms" -I{} virsh -q -c "$uri" "destroy {}; undefine {}" >/dev/null
  v "net-destroy fleetnet; net-undefine fleetnet" >/dev/null
}
running() { [[ "$(v list --name | grep -c '^fleet')" -eq "$vms" ]]; }
# Waits until every guest has booted (it leases once its kernel is up), so each down is timed on
# running guests, not on 8 TCG kernels still booting on the machine's cores (which slows whatever
# runs beside them, a JVM most). The same wait before every side's down; it is not timed.
settled() {
  local i
  for i in $(seq 120); do
    [[ "$(v net-dhcp-leases fleetnet | grep -c 'ipv4')" -ge "$vms" ]] && return 0
    sleep 0.5
  done
  echo "bench/fleet.sh: the guests did not all lease within 60 s" >&2
  exit 1
}

: >"$work/k.run"; : >"$work/k.down"; : >"$work/s.run"; : >"$work/s.down"; : >"$work/p.run"; : >"$work/p.down"
for _ in $(seq "$reps"); do
  seconds "$here/bin/kvmsh" -c "sandbox:$name" run "$work/fleet.kvm" >>"$work/k.run"
  running || { echo "bench/fleet.sh: kvmsh run left not all $vms guests running" >&2; exit 1; }
  settled
  seconds "$here/bin/kvmsh" -c "sandbox:$name" down --yes "$work/fleet.kvm" >>"$work/k.down"
  seconds bash "$here/bench/virsh-loop.sh" "$work/xml" "$uri" >>"$work/s.run"
  running || { echo "bench/fleet.sh: the virsh loop left not all $vms guests running" >&2; exit 1; }
  settled
  seconds seq_down >>"$work/s.down"
  seconds par_run >>"$work/p.run"
  running || { echo "bench/fleet.sh: xargs -P left not all $vms guests running" >&2; exit 1; }
  settled
  seconds par_down >>"$work/p.down"
done

med() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
read -r kr krlo krhi < <(med "$work/k.run"); read -r kd kdlo kdhi < <(med "$work/k.down")
read -r sr _ _ < <(med "$work/s.run"); read -r sd _ _ < <(med "$work/s.down")
read -r pr _ _ < <(med "$work/p.run"); read -r pd _ _ < <(med "$work/p.down")
yes_no() { awk "BEGIN { exit !($1) }" && echo yes || echo NO; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
fmt() { awk -v m="$1" -v lo="$2" -v hi="$3" 'BEGIN { printf "%.2f s (%.2f–%.2f)", m, lo, hi }'; }
one() { awk -v m="$1" 'BEGIN { printf "%.2f s", m }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
echo "fleet: $vms TCG test guests + 1 network in the sandbox, $reps runs each, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
row "fleet run: bin/kvmsh run, $vms guests + 1 net" "$(fmt "$kr" "$krlo" "$krhi")" "sequential virsh loop" "$(one "$sr")" "$(ratio "$kr" "$sr")" "≤ 1×: $(yes_no "$kr <= $sr")"
row "" "" "xargs -P $vms virsh (the floor)" "$(one "$pr")" "$(ratio "$kr" "$pr")" ""
row "fleet down: bin/kvmsh down, $vms running guests" "$(fmt "$kd" "$kdlo" "$kdhi")" "sequential virsh loop" "$(one "$sd")" "$(ratio "$sd" "$kd") faster" "≥ 3× faster: $(yes_no "$sd >= 3 * $kd")"
row "" "" "xargs -P $vms virsh destroy (the floor)" "$(one "$pd")" "$(ratio "$kd" "$pd")" "≤ 1.5×: $(yes_no "$kd <= 1.5 * $pd")"
