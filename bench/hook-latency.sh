#!/usr/bin/env bash
# Hook `up` latency on an already-existing network: kvmsh's dsl-examples/hooks/nat.kvm (run through
# bin/kvmsh, as qemu runs it) against the seed's bash hook (bench/seed-natup.sh), measured in the
# same run, N whole-process runs each, fresh tap per run. Everything happens in a network
# namespace this script creates and deletes (also on failure). As root:
#   bench/hook-latency.sh [N]          (default 30)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n="${1:-30}"
ns="kvmsh-bench-$$"
tmp="$(mktemp -d)"
cleanup() {
  for p in "$tmp"/run/*/dnsmasq.pid "$tmp"/seed/*.pid; do
    [[ -f "$p" ]] && kill "$(cat "$p")" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns"
mkdir -p "$tmp/bin" "$tmp/seed" "$tmp/cache"
ln -s "$here/bin/kvmsh" "$tmp/bin/kvmsh"
in_ns() { ip netns exec "$ns" env PATH="$tmp/bin:$PATH" KVMSH_RUN_DIR="$tmp/run" KVMSH_CACHE_DIR="$tmp/cache" SEED_RUN="$tmp/seed" "$@"; }

"$here/bin/kvmsh" hook --check "$here/dsl-examples/hooks/nat.kvm" >/dev/null   # builds once if needed

# measure NAME HOOK: prints the sorted latencies in ms, one per line, to $tmp/NAME.
measure() {
  local name="$1" hook="$2" i t0 t1
  in_ns ip tuntap add dev warm0 mode tap
  in_ns "$hook" warm0 >/dev/null 2>&1 || true       # the network now exists (and caches are warm)
  : > "$tmp/$name"
  for ((i = 0; i < n; i++)); do
    in_ns ip tuntap add dev "t$i" mode tap
    t0=$(date +%s%N)
    in_ns "$hook" "t$i" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 )) >> "$tmp/$name"
    in_ns ip link del "t$i"
  done
  in_ns ip link del warm0
  sort -n -o "$tmp/$name" "$tmp/$name"
}
p50() { sed -n "$(( ($(wc -l < "$tmp/$1") + 1) / 2 ))p" "$tmp/$1"; }
stats() {
  local f="$tmp/$1"
  printf '%-28s n=%d  p50 %5d ms  min %5d ms  max %5d ms\n' "$1" "$(wc -l < "$f")" \
    "$(p50 "$1")" "$(head -1 "$f")" "$(tail -1 "$f")"
}

# One after the other in the same run, so both see the same machine.
measure kvmsh-nat.kvm "$here/dsl-examples/hooks/nat.kvm"
in_ns ip link del isolationbr 2>/dev/null || true
in_ns nft delete table inet kvmsh 2>/dev/null || true
for p in "$tmp"/run/*/dnsmasq.pid; do [[ -f "$p" ]] && kill "$(cat "$p")" 2>/dev/null || true; done
measure seed-qemu-natup.sh "$here/bench/seed-natup.sh"
echo "hook up latency, network already up ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
stats kvmsh-nat.kvm
stats seed-qemu-natup.sh
awk -v k="$(p50 kvmsh-nat.kvm)" -v s="$(p50 seed-qemu-natup.sh)" \
  'BEGIN { printf "ratio (p50): kvmsh %.2fx the seed'"'"'s hook\n", k / s }'
