#!/usr/bin/env bash
# Removes a testbed entirely: every host's processes, namespace, interface and files, the bridge and
# TESTBED_DIR. Safe to run on a half-made testbed or when nothing is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=testbed/common.sh
source "$here/common.sh"
# shellcheck source=testbed/host-lifecycle.sh
source "$here/host-lifecycle.sh"
# shellcheck source=testbed/systemd-host.sh
source "$here/systemd-host.sh"

if [ "$(id -u)" != 0 ]; then
  echo "testbed: must run as root" >&2
  exit 1
fi
for ns in $(ip netns list | awk '{print $1}' | grep -E "^${TESTBED_NAME}-h[0-9]+$" || true); do
  remove_host "${ns#"${TESTBED_NAME}-h"}"
done
# root-side interfaces whose namespace is already gone
for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^${TESTBED_NAME}-h[0-9]+$" || true); do
  ip link delete "$link" 2>/dev/null || true
done
if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE" 2>/dev/null || true; fi
rm -rf "$TESTBED_DIR"
echo "testbed $TESTBED_NAME: down"
