# Shared by bin/kvmsh, bin/kvmsh-test and .ci/run: installing what kvmsh needs, and building it.

# cloud-init: the NoCloud seed ISO is made with xorriso; kvmsh ssh runs OpenSSH's client.
CLOUD_PACKAGES=(xorriso openssh-client)

# A KVM host in a box: libvirtd + qemu (TCG) + dnsmasq + firewall tools, and what the tiny test
# guest is built from (the Debian kernel and busybox).
SANDBOX_PACKAGES=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base
  nftables iptables iproute2 procps busybox-static linux-image-amd64 util-linux osinfo-db ipxe-qemu
  "${CLOUD_PACKAGES[@]}")

# For the tests on top: XML schema validation, packet captures, the REPL's terminal test, zsh for the completion test, and
# sshd for the qemu+ssh:// test (which starts one of its own inside a sandbox; see
# kvmsh_ensure_packages for why installing it starts none on this machine), and mmdebstrap with
# e2fsprogs (mke2fs -d) for the real-cloud-init test's Debian image.
TEST_PACKAGES=(libxml2-utils tcpdump tmux zsh openssh-server mmdebstrap e2fsprogs)

kvmsh_missing_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

# Installs missing Debian packages when run as root on a Debian-family host, saying what it
# installs; elsewhere names them and fails.
kvmsh_ensure_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    command -v java >/dev/null && command -v mvn >/dev/null && return 0
    echo "kvmsh: needs Java 17, Maven and libvirt's client library (libvirt0); install them with your package manager" >&2
    return 1
  fi
  local missing
  missing="$(kvmsh_missing_packages "$@")"
  [[ -z "${missing// /}" ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "kvmsh: missing system packages: $missing" >&2
    echo "kvmsh: install them (as root: apt-get install $missing) and run again" >&2
    return 1
  fi
  echo "kvmsh: installing system packages: $missing" >&2
  # openssh-server's postinst enables and starts sshd (ssh.service, or /etc/init.d/ssh without
  # systemd) in the machine's own network namespace, where kvmsh must start nothing. Debian's unit
  # and init script both refuse to run while /etc/ssh/sshd_not_to_be_run exists, now and at every
  # boot; the file is made only when kvmsh installs the package (an sshd already there is the
  # admin's and stays as it is). The e2e test runs /usr/sbin/sshd itself, inside a sandbox.
  if [[ " $missing " == *" openssh-server "* ]]; then
    mkdir -p /etc/ssh && touch /etc/ssh/sshd_not_to_be_run
    echo "kvmsh: openssh-server is installed for the tests only: made /etc/ssh/sshd_not_to_be_run, so no sshd starts on this machine" >&2
  fi
  # A fresh log file of our own (mktemp: O_EXCL, 0600), never a fixed name in /tmp.
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/kvmsh-apt.XXXXXX")" || return 1
  # shellcheck disable=SC2086
  if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >>"$log" 2>&1 ||
         { apt-get update -q >>"$log" 2>&1 &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >>"$log" 2>&1; }; }; then
    echo "kvmsh: apt-get install failed; see $log" >&2
    return 1
  fi
  rm -f "$log"
}

# Builds target/classes + target/lib when missing or older than any source or the pom.
kvmsh_build() {
  local dir="$1" stamp="$1/target/.kvmsh-built"
  if [[ -f "$stamp" ]] && [[ -z "$(find "$dir/src/main" "$dir/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  # As root, a build runs what the tree holds (sources, the pom, classes already in target/): all
  # of it must be root's and writable by nobody else, or another user's code would run as root.
  if [[ $EUID -eq 0 ]]; then
    local bad
    bad="$(find -L "$dir/pom.xml" "$dir/src" "$dir/target" \( ! -user 0 -o -perm /022 \) \
             ! \( -type d -perm -1000 -user 0 \) -printf '%p (uid %U, mode %m)\n' -quit 2>/dev/null)"
    if [[ -n "$bad" ]]; then
      echo "kvmsh: refusing to build as root in $dir: $bad belongs to another user or others can write it" \
        "— build it as that user, or make the tree root's and not writable by others (chown -R root; chmod -R go-w)," \
        "or install a root-owned copy (bin/kvmsh install PREFIX)" >&2
      exit 3
    fi
  fi
  echo "kvmsh: building (first use or sources changed)…" >&2
  mkdir -p "$dir/target"
  if ! (cd "$dir" && mvn -q -B -Dmaven.test.skip=true package >"$dir/target/build.log" 2>&1); then
    echo "kvmsh: build failed; see $dir/target/build.log" >&2
    return 1
  fi
  touch "$stamp"
}

# Copies what kvmsh runs from (the launcher, bin/lib, the jars, the examples the class-data
# archives are recorded from) to PREFIX/lib/kvmsh, owned by root and writable only by root, and
# links PREFIX/bin/kvmsh to it. The copy is made aside and renamed into place.
kvmsh_install() {
  local src="$1" prefix="$2" dest new
  dest="$prefix/lib/kvmsh"
  install -d -o root -g root -m 0755 "$prefix" "$prefix/bin" "$prefix/lib"
  new="$(mktemp -d "$prefix/lib/.kvmsh-install.XXXXXX")" || return 1
  chmod 0755 "$new"
  install -d -o root -g root -m 0755 "$new/bin/lib" "$new/target/lib" "$new/dsl-examples/hooks"
  # The build stamp first: the jars copied after it are newer, so the launcher uses them as they are.
  install -o root -g root -m 0644 /dev/null "$new/target/.kvmsh-built"
  sleep 0.01
  install -o root -g root -m 0755 "$src/bin/kvmsh" "$new/bin/kvmsh"
  install -o root -g root -m 0644 "$src/bin/lib/packages.sh" "$new/bin/lib/packages.sh"
  install -o root -g root -m 0644 "$(ls "$src"/target/kvmsh-*.jar | head -1)" "$new/target/kvmsh.jar"
  install -o root -g root -m 0644 "$src"/target/lib/*.jar "$new/target/lib/"
  install -o root -g root -m 0644 "$src"/dsl-examples/*.kvm "$new/dsl-examples/"
  install -o root -g root -m 0644 "$src"/dsl-examples/hooks/*.kvm "$new/dsl-examples/hooks/"
  rm -rf "$dest.old"
  [[ -e "$dest" ]] && mv "$dest" "$dest.old"
  mv "$new" "$dest" && rm -rf "$dest.old"
  ln -sfn "../lib/kvmsh/bin/kvmsh" "$prefix/bin/kvmsh"
  echo "kvmsh: installed to $dest; $prefix/bin/kvmsh runs it"
}
