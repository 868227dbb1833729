#!/usr/bin/env bash
# The "what admins write today" baseline: one virsh process per object, over XML files in DIR
# (net-NAME.xml, vm-NAME.xml, as bench/src/kvmsh/bench/RenderXml.java writes them).
#
# Each virsh process does that object's whole job, the same libvirt calls kvmsh makes:
#   network: net-define, net-autostart, net-start        vm: define, start
# test:///default lives inside the virsh process, so every process starts from libvirt's fresh
# simulated host and the object is gone when it exits. That is why an object's steps share one
# process ("a; b; c"): what is measured is the per-process cost a real loop pays, plus the work.
set -euo pipefail
dir="$1"
uri="${2:-test:///default}"
for f in "$dir"/net-*.xml; do
  n="$(basename "$f" .xml)"; n="${n#net-}"
  virsh -q -c "$uri" "net-define $f; net-autostart $n; net-start $n" >/dev/null
done
for f in "$dir"/vm-*.xml; do
  n="$(basename "$f" .xml)"; n="${n#vm-}"
  virsh -q -c "$uri" "define $f; start $n" >/dev/null
done
