#!/usr/bin/env bash
# Brings up a testbed of N hosts on this machine (root needed):
#   testbed/up.sh N
# Each host is a network namespace on a bridge (addresses 10.213.NET.11, .12, ...; this machine is .1 on the
# bridge), with its own /etc, /var, /srv, /opt, /root, /home, /run and /tmp (a private mount namespace over per-host
# directories in TESTBED_DIR/hosts/hI) and its own sshd with a generated host key, listening only on the
# host's address. Root and the sudoer "operator" log in with the key TESTBED_DIR/client/id_ed25519.
# Written for the tests and the README:
#   TESTBED_DIR/known_hosts   the hosts' keys
#   TESTBED_DIR/hosts.json    [{ "name", "address", "namespace", "dir", "systemd" }, ...]
# TESTBED_SYSTEMD_HOSTS lists hosts (numbers, e.g. "1" or "1,3") whose init is systemd: see testbed/systemd-host.sh.
# Idempotent: hosts that are up stay; a host whose sshd died gets it back (same key and files); a half-made host
# is removed and made again; hosts beyond N go.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=testbed/common.sh
source "$here/common.sh"
# shellcheck source=testbed/host-lifecycle.sh
source "$here/host-lifecycle.sh"
# shellcheck source=testbed/systemd-host.sh
source "$here/systemd-host.sh"

count="${1:-}"
if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ] || [ "$count" -gt 200 ]; then
  echo "usage: testbed/up.sh N   (1 <= N <= 200)" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "testbed: must run as root (network namespaces, bridges, mounts)" >&2
  exit 1
fi
for tool in ip unshare ssh-keygen /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "testbed: $tool is missing (apt-get install iproute2 openssh-server)" >&2; exit 1; }
done
for i in $(seq 1 "$count"); do
  if wants_systemd "$i"; then check_systemd_tools; break; fi
done

mkdir -p "$TESTBED_DIR/client" "$TESTBED_DIR/hosts"
chmod 0700 "$TESTBED_DIR/client"
[ -f "$TESTBED_DIR/client/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "gantry-testbed" -f "$TESTBED_DIR/client/id_ed25519"

ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
ip addr replace "$GATEWAY/24" dev "$BRIDGE"
ip link set "$BRIDGE" up

for i in $(seq 1 "$count"); do
  ready=false
  if [ -f "$(host_dir "$i")/.ready" ] && ip netns list | grep -qw "^$(host_ns "$i")"; then ready=true; fi
  # a host of the other kind (systemd or not) than asked for is made again
  wanted=plain is=plain
  if wants_systemd "$i"; then wanted=systemd; fi
  if is_systemd_host "$i"; then is=systemd; fi
  if [ "$wanted" != "$is" ]; then ready=false; fi
  if wants_systemd "$i"; then
    if $ready && [ -n "$(host_nspawn_pid "$i")" ]; then continue; fi
  elif $ready && [ -n "$(host_sshd_pid "$i")" ]; then
    continue
  fi
  if ! $ready; then
    remove_host "$i"
    create_host "$i"
    if wants_systemd "$i"; then prepare_systemd_etc "$i"; fi
  fi
  # a whole host whose sshd (or systemd) is gone (killed) gets it back, with the same host key
  if wants_systemd "$i"; then start_systemd_host "$i"; else start_sshd "$i"; fi
done
# hosts beyond N (from an earlier, larger testbed)
for ns in $(ip netns list | awk '{print $1}' | grep -E "^${TESTBED_NAME}-h[0-9]+$" || true); do
  i="${ns#"${TESTBED_NAME}-h"}"
  [ "$i" -gt "$count" ] && remove_host "$i"
done

# wait until every sshd answers (at most 30 s; 180 s for a host booting systemd)
for i in $(seq 1 "$count"); do
  addr="$(host_addr "$i")"
  tries=300
  if wants_systemd "$i"; then tries=1800; fi
  for try in $(seq 1 "$tries"); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$addr/22" 2>/dev/null; then break; fi
    if wants_systemd "$i" && [ -z "$(host_nspawn_pid "$i")" ]; then try="$tries"; fi
    if [ "$try" -eq "$tries" ]; then
      echo "testbed: sshd of $(host_ns "$i") does not answer on $addr:22; its log:" >&2
      if wants_systemd "$i"; then cat "$(host_dir "$i")/nspawn.log" >&2 || true; fi
      cat "$(host_dir "$i")/sshd.log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.1
  done
  if wants_systemd "$i"; then record_systemd_init "$i"; fi
done

known="$TESTBED_DIR/known_hosts.tmp"
: >"$known"
json="["
for i in $(seq 1 "$count"); do
  addr="$(host_addr "$i")"
  echo "$addr $(cut -d' ' -f1-2 "$(host_dir "$i")/etc/ssh/ssh_host_ed25519_key.pub")" >>"$known"
  [ "$i" -gt 1 ] && json+=","
  systemd=false
  if is_systemd_host "$i"; then systemd=true; fi
  json+="{\"name\":\"h$i\",\"address\":\"$addr\",\"namespace\":\"$(host_ns "$i")\",\"dir\":\"$(host_dir "$i")\""
  json+=",\"systemd\":$systemd}"
done
mv "$known" "$TESTBED_DIR/known_hosts"
echo "$json]" >"$TESTBED_DIR/hosts.json"
echo "testbed $TESTBED_NAME: $count hosts up ($SUBNET.11-$(host_addr "$count")); key $TESTBED_DIR/client/id_ed25519," \
  "known_hosts $TESTBED_DIR/known_hosts"
