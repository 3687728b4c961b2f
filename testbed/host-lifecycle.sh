# Creating and removing one testbed host (sourced by up.sh and down.sh after common.sh; remove_host uses
# systemd-host.sh).

# The pid of host i's sshd when it is running in the host's namespace; nothing otherwise.
host_sshd_pid() {
  local pidfile
  pidfile="$(host_dir "$1")/sshd.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "sshd" ] || return 0
  [ "$(ip netns identify "$pid" 2>/dev/null)" = "$(host_ns "$1")" ] || return 0
  echo "$pid"
}

# Stops every process in a namespace (TERM, then KILL) and waits until none is left.
kill_namespace_processes() {
  local ns="$1" pids tries=0
  pids="$(ip netns pids "$ns" 2>/dev/null || true)"
  [ -z "$pids" ] && return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  while [ -n "$(ip netns pids "$ns" 2>/dev/null || true)" ]; do
    tries=$((tries + 1))
    if [ "$tries" -eq 40 ]; then
      # shellcheck disable=SC2046
      kill -KILL $(ip netns pids "$ns" 2>/dev/null) 2>/dev/null || true
    fi
    if [ "$tries" -gt 400 ]; then
      echo "testbed: processes in namespace $ns do not exit" >&2
      return 1
    fi
    sleep 0.05
  done
}

# Removes host i whatever state it is in: its processes (a systemd host's container halted first), interface,
# namespace and files.
remove_host() {
  local ns
  ns="$(host_ns "$1")"
  if is_systemd_host "$1"; then stop_systemd_host "$1"; fi
  if ip netns list | grep -qw "^$ns"; then
    kill_namespace_processes "$ns"
    ip netns delete "$ns"
  fi
  # the kernel removes the root side of the veth with the namespace, sometimes a moment later
  if ip link show "$ns" >/dev/null 2>&1; then ip link delete "$ns" 2>/dev/null || true; fi
  rm -rf "$(host_dir "$1")"
}

# The host's /etc: a copy of this machine's, with its own host key, sshd_config, users and sudoers.
prepare_host_etc() {
  local i="$1" h addr
  h="$(host_dir "$i")"
  addr="$(host_addr "$i")"
  cp -a /etc "$h/etc"
  rm -f "$h"/etc/ssh/ssh_host_*_key "$h"/etc/ssh/ssh_host_*_key.pub
  rm -rf "$h"/etc/ssh/sshd_config.d
  ssh-keygen -q -t ed25519 -N '' -C "$(host_ns "$i")" -f "$h/etc/ssh/ssh_host_ed25519_key"
  cat >"$h/etc/ssh/sshd_config" <<CONF
# testbed host $(host_ns "$i"): listens only on its own address inside its namespace
ListenAddress $addr
Port 22
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile /etc/ssh/authorized_keys/%u
StrictModes no
PidFile none
MaxSessions 64
MaxStartups 100:30:200
Subsystem sftp internal-sftp
CONF
  mkdir -p "$h/etc/ssh/authorized_keys"
  cp "$TESTBED_DIR/client/id_ed25519.pub" "$h/etc/ssh/authorized_keys/root"
  cp "$TESTBED_DIR/client/id_ed25519.pub" "$h/etc/ssh/authorized_keys/operator"
  # a non-root user that may sudo without a password
  grep -q '^operator:' "$h/etc/group" || echo "operator:x:1500:" >>"$h/etc/group"
  sed -i '/^operator:/d' "$h/etc/passwd" "$h/etc/shadow"
  echo "operator:x:1500:1500:testbed operator:/var/lib/operator:/bin/sh" >>"$h/etc/passwd"
  echo "operator:*:19000:0:99999:7:::" >>"$h/etc/shadow"
  mkdir -p "$h/etc/sudoers.d"
  echo "operator ALL=(ALL) NOPASSWD:ALL" >"$h/etc/sudoers.d/operator"
  chmod 0440 "$h/etc/sudoers.d/operator"
  echo "$(host_ns "$i")" >"$h/etc/testbed-host"
}

# The host's /var: dpkg's database and apt's lists copied, the rest empty.
prepare_host_var() {
  local h
  h="$(host_dir "$1")"
  mkdir -p "$h/var/lib/apt" "$h/var/cache/apt/archives/partial" "$h/var/log" "$h/var/tmp" "$h/var/spool"
  # dpkg may be at work on this machine (its temporary files come and go): copy again until a copy goes through
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    rm -rf "$h/var/lib/dpkg"
    cp -a /var/lib/dpkg "$h/var/lib/dpkg" 2>/dev/null && break
    [ "$try" -eq 10 ] && { echo "testbed: cannot copy /var/lib/dpkg (dpkg keeps changing it)" >&2; return 1; }
    sleep 1
  done
  [ -d /var/lib/apt/lists ] && cp -a /var/lib/apt/lists "$h/var/lib/apt/lists"
  mkdir -p "$h/var/lib/apt/lists/partial"
  install -d -o 1500 -g 1500 "$h/var/lib/operator"
  ln -s /run "$h/var/run"
  ln -s /run/lock "$h/var/lock"
}

# Creates host i: namespace, veth on the bridge, its own /etc /var /srv /opt /root /home (/run and /tmp are
# made when its sshd starts).
create_host() {
  local i="$1" ns addr h
  ns="$(host_ns "$i")"
  addr="$(host_addr "$i")"
  h="$(host_dir "$i")"
  mkdir -p "$h/srv" "$h/opt" "$h/root" "$h/home"
  chmod 0700 "$h/root"
  prepare_host_etc "$i"
  prepare_host_var "$i"
  ip netns add "$ns"
  ip link add "$ns" type veth peer name eth0 netns "$ns"
  ip link set "$ns" master "$BRIDGE" up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  touch "$h/.ready"
}

# Starts host i's sshd (again) in its namespace, with the host's own directories mounted over the machine's.
start_sshd() {
  local i="$1" ns h
  ns="$(host_ns "$i")"
  h="$(host_dir "$i")"
  # ip netns exec and unshare exec (no fork): the pid started here becomes sshd itself.
  setsid ip netns exec "$ns" unshare --mount --propagation private /bin/sh -c "
    set -e
    mount --bind '$h/etc' /etc
    mount --bind '$h/var' /var
    mount --bind '$h/srv' /srv
    mount --bind '$h/opt' /opt
    mount --bind '$h/root' /root
    mount --bind '$h/home' /home
    mount -t tmpfs -o mode=0755 tmpfs /run
    mkdir -p /run/sshd /run/lock
    mount -t tmpfs -o mode=1777 tmpfs /tmp
    exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
  " </dev/null >>"$h/sshd.log" 2>&1 &
  echo $! >"$h/sshd.pid"
}
