# Testbed hosts whose init is systemd (sourced by up.sh and down.sh after common.sh and host-lifecycle.sh).
#
# Such a host is a systemd-nspawn container booting this machine's own systemd: its root is a tmpfs with this
# machine's /usr read-only (--volatile=yes), its /etc /var /srv /opt /root /home are the host's directories as for
# the other hosts, and it joins the host's network namespace (same address and bridge). Its /etc/systemd/system
# holds only the host's sshd unit (the machine's own enabled services are not started in it). Nothing is
# registered with a machine manager (there is none here): nspawn runs in a cgroup of the testbed's own (or, on a
# machine whose init is systemd, a scope with delegation), removed again with the host.
#   host dir files: .systemd (the host is one), nspawn.pid, init.pid (its systemd, as this machine sees it),
#   nspawn.log (its console)

# Seconds a systemd host may take to halt when asked before it is killed.
SYSTEMD_HOST_HALT_S=60

is_systemd_host() { [ -f "$(host_dir "$1")/.systemd" ]; }

# Whether host i should boot systemd: TESTBED_SYSTEMD_HOSTS lists host numbers (spaces or commas).
wants_systemd() {
  local n
  for n in ${TESTBED_SYSTEMD_HOSTS//,/ }; do [ "$n" = "$1" ] && return 0; done
  return 1
}

check_systemd_tools() {
  command -v systemd-nspawn >/dev/null || {
    echo "testbed: systemd-nspawn is missing (apt-get install --no-install-recommends systemd-container)" >&2
    exit 1
  }
  [ -x /lib/systemd/systemd ] || {
    echo "testbed: /lib/systemd/systemd is missing (apt-get install systemd)" >&2
    exit 1
  }
}

# The cgroup directories (one per hierarchy nspawn uses) of host i's container, on a machine whose init is not
# systemd: the unified hierarchy, and the named v1 "systemd" hierarchy when the machine mounts one.
host_cgroups() {
  local cg="gantry-testbed/$(host_ns "$1")"
  if [ -f /sys/fs/cgroup/cgroup.procs ]; then
    echo "/sys/fs/cgroup/$cg"
  else
    [ -f /sys/fs/cgroup/unified/cgroup.procs ] && echo "/sys/fs/cgroup/unified/$cg"
    [ -f /sys/fs/cgroup/systemd/cgroup.procs ] && echo "/sys/fs/cgroup/systemd/$cg"
  fi
  return 0
}

# The pid of host i's systemd-nspawn when it is running; nothing otherwise.
host_nspawn_pid() {
  local pidfile pid
  pidfile="$(host_dir "$1")/nspawn.pid"
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "systemd-nspawn" ] || return 0
  echo "$pid"
}

# The host's /etc/systemd/system: its sshd as the only enabled unit; a machine id of its own.
prepare_systemd_etc() {
  local h
  h="$(host_dir "$1")"
  rm -rf "$h/etc/systemd/system"
  mkdir -p "$h/etc/systemd/system/multi-user.target.wants"
  cat >"$h/etc/systemd/system/testbed-sshd.service" <<UNIT
[Unit]
Description=sshd of testbed host $(host_ns "$1")
After=network.target

[Service]
RuntimeDirectory=sshd
ExecStart=/usr/sbin/sshd -D -e -f /etc/ssh/sshd_config

[Install]
WantedBy=multi-user.target
UNIT
  ln -s ../testbed-sshd.service "$h/etc/systemd/system/multi-user.target.wants/testbed-sshd.service"
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$h/etc/machine-id"
  echo >>"$h/etc/machine-id"
  touch "$h/.systemd"
}

# Boots host i's systemd in its network namespace (in the background; up.sh waits for its sshd).
start_systemd_host() {
  local i="$1" ns h nspawn
  ns="$(host_ns "$i")"
  h="$(host_dir "$i")"
  nspawn="systemd-nspawn --quiet --boot --directory=/ --volatile=yes --machine=$ns --register=no --keep-unit
    --network-namespace-path=/run/netns/$ns --console=passive --kill-signal=SIGRTMIN+3
    --bind=$h/etc:/etc --bind=$h/var:/var --bind=$h/srv:/srv --bind=$h/opt:/opt --bind=$h/root:/root
    --bind=$h/home:/home systemd.unit=multi-user.target"
  if [ -d /run/systemd/system ]; then
    # this machine's init is systemd: the container's cgroup is a scope it delegates
    setsid systemd-run --quiet --scope --unit="gantry-testbed-$ns" -p Delegate=yes $nspawn \
      </dev/null >>"$h/nspawn.log" 2>&1 &
  else
    local cg
    for cg in $(host_cgroups "$i"); do mkdir -p "$cg"; done
    # the shell moves itself into the host's cgroups, then becomes nspawn (same pid)
    # shellcheck disable=SC2016
    setsid /bin/sh -c 'for cg in $0; do echo $$ >"$cg/cgroup.procs"; done; exec "$@"' "$(host_cgroups "$i" | xargs)" \
      $nspawn </dev/null >>"$h/nspawn.log" 2>&1 &
  fi
  echo $! >"$h/nspawn.pid"
}

# Writes init.pid once host i's systemd is up (its sshd answers).
record_systemd_init() {
  local h pid init
  h="$(host_dir "$1")"
  pid="$(host_nspawn_pid "$1")"
  if [ -z "$pid" ]; then
    echo "testbed: systemd-nspawn of $(host_ns "$1") is gone; its log:" >&2
    cat "$h/nspawn.log" >&2
    exit 1
  fi
  for init in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
    if [ "$(cat "/proc/$init/comm" 2>/dev/null)" = "systemd" ]; then echo "$init" >"$h/init.pid"; return 0; fi
  done
  echo "testbed: no systemd under systemd-nspawn of $(host_ns "$1")" >&2
  exit 1
}

# Halts host i's systemd (nspawn passes SIGTERM on as the halt request), kills it after SYSTEMD_HOST_HALT_S, and
# removes its cgroups.
stop_systemd_host() {
  local i="$1" pid tries=0 cg
  pid="$(host_nspawn_pid "$i")"
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    while [ -d "/proc/$pid" ]; do
      tries=$((tries + 1))
      if [ "$tries" -eq $((SYSTEMD_HOST_HALT_S * 10)) ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      sleep 0.1
    done
  fi
  kill_namespace_processes "$(host_ns "$i")"
  [ -d /run/systemd/system ] && return 0
  for cg in $(host_cgroups "$i"); do
    if [ -d "$cg" ]; then find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
    rmdir "$(dirname "$cg")" 2>/dev/null || true
  done
  # nspawn's runtime directories on this machine, when no other container uses them
  if rmdir /run/systemd/nspawn/propagate 2>/dev/null; then
    rmdir /run/systemd/nspawn /run/systemd/nspawn-root 2>/dev/null || true
  fi
}
