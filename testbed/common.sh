# Shared by testbed/up.sh and testbed/down.sh: names and paths of one testbed.
#   TESTBED_NAME  prefix of its namespaces and interfaces (default "gtb", at most 5 characters)
#   TESTBED_NET   third octet of its subnet 10.213.NET.0/24 (default 0)
#   TESTBED_DIR   where its hosts' files, keys and known_hosts live (default /tmp/gantry-testbed-NAME)
TESTBED_NAME="${TESTBED_NAME:-gtb}"
TESTBED_NET="${TESTBED_NET:-0}"
TESTBED_DIR="${TESTBED_DIR:-/tmp/gantry-testbed-$TESTBED_NAME}"
if ! [[ "$TESTBED_NAME" =~ ^[a-z][a-z0-9]{0,4}$ ]]; then
  echo "testbed: TESTBED_NAME must be 1-5 lowercase letters or digits, starting with a letter" >&2
  exit 2
fi
if ! [[ "$TESTBED_NET" =~ ^[0-9]+$ ]] || [ "$TESTBED_NET" -gt 255 ]; then
  echo "testbed: TESTBED_NET must be a number 0-255" >&2
  exit 2
fi
BRIDGE="${TESTBED_NAME}-br"
SUBNET="10.213.${TESTBED_NET}"
GATEWAY="${SUBNET}.1"
# host i: namespace NAME-hI, root-side veth NAME-hI, address 10.213.NET.(10+i)
host_ns() { echo "${TESTBED_NAME}-h$1"; }
host_addr() { echo "${SUBNET}.$((10 + $1))"; }
host_dir() { echo "${TESTBED_DIR}/hosts/h$1"; }
