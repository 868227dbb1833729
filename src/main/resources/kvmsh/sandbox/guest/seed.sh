# Reader of a cloud-init NoCloud seed for the kvmsh test guest (sourced by its /init; busybox sh).
# seed_read DIR reads DIR/meta-data and DIR/user-data (a #cloud-config) and sets
#   seed_id        meta-data's instance-id
#   seed_hostname  user-data's hostname, else meta-data's local-hostname (as cloud-init takes it)
#   seed_keys      the SHA-256 fingerprints of every ssh_authorized_keys entry (the users' and a
#                  top-level one), as ssh-keygen -lf prints them, comma-separated
# each "none" when the seed has none. The YAML is read as kvmsh writes it (block style, one value a
# line, plain or quoted scalars); this is a test probe, not cloud-init.

# A scalar without its quotes: 'it''s' and "a \"b\"" as YAML reads them.
seed_unquote() {
    sed -e "s/^'\(.*\)'\$/\1/" -e "t single" -e 's/^"\(.*\)"$/\1/' -e "t double" -e b \
        -e ":single" -e "s/''/'/g" -e b \
        -e ":double" -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

# The value of a top-level "KEY: value" in FILE, or nothing.
seed_value() {
    [ -f "$2" ] || return 0
    sed -n "s/^$1:[ 	]*\(.*[^ 	]\)[ 	]*\$/\1/p" "$2" | head -n 1 | seed_unquote
}

# The entries of every block list under an ssh_authorized_keys key in FILE, one a line.
seed_key_lines() {
    [ -f "$1" ] || return 0
    awk '
        function indent(s) { match(s, /^ */); return RLENGTH }
        {
            if (inkeys) {
                if ($0 ~ /^ *- / && indent($0) >= at) {
                    v = $0
                    sub(/^ *- */, "", v)
                    print v
                    next
                }
                if ($0 ~ /^[ \t]*$/) {
                    next
                }
                inkeys = 0
            }
            if ($0 ~ /^ *(- +)?ssh_authorized_keys: *$/) {
                # "- ssh_authorized_keys:" starts a list item: the key sits past its "- ".
                line = $0
                sub(/ssh_authorized_keys:.*/, "", line)
                at = length(line)
                inkeys = 1
            }
        }' "$1" | seed_unquote
}

# "SHA256:…" of one authorized_keys line (options, type, base64 blob, comment), or nothing.
seed_fingerprint() {
    blob=$(echo "$1" | awk '{
        for (i = 1; i < NF; i++) {
            if ($i ~ /^(ssh-|ecdsa-|sk-)/) { print $(i + 1); exit }
        }
    }')
    [ -n "$blob" ] || return 0
    hex=$(echo "$blob" | base64 -d 2>/dev/null | sha256sum | cut -d ' ' -f 1)
    echo "SHA256:$(echo "$hex" | xxd -r -p | base64 | tr -d '=\n')"
}

seed_read() {
    seed_id=$(seed_value instance-id "$1/meta-data")
    seed_hostname=$(seed_value hostname "$1/user-data")
    [ -n "$seed_hostname" ] || seed_hostname=$(seed_value local-hostname "$1/meta-data")
    seed_keys=""
    while read -r line; do
        fp=$(seed_fingerprint "$line")
        [ -n "$fp" ] && seed_keys="${seed_keys:+$seed_keys,}$fp"
    done <<EOF
$(seed_key_lines "$1/user-data")
EOF
    seed_id=${seed_id:-none}
    seed_hostname=${seed_hostname:-none}
    seed_keys=${seed_keys:-none}
}
