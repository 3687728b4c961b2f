// Processes gantry starts and watches on an ssh host without systemd, as on a
// local host: started detached (setsid) in a process group of their own with
// output appended to /var/log/gantry/<name>.log, a pid file
// /run/gantry/<name>.json recording pid and kernel start time (a reused pid is
// not ours); stop sends SIGTERM to the group, SIGKILL after the grace period,
// and waits until the group is gone. Each operation is one round trip.

import { spawnArguments } from "../process-command-line.js";
import type { ProcessSpec, ProcessStatus } from "../../../contract/host-driver.js";
import { checkProcessName } from "../host-paths.js";
import type { RemoteFiles } from "./remote-files.js";
import type { RemoteShell } from "./remote-shell.js";
import { shellCommand, shellQuote } from "./shell-quote.js";

const PID_DIR = "/run/gantry";
const LOG_DIR = "/var/log/gantry";
const ALREADY_RUNNING = 45;
const NOT_RUNNING = 46;
/** How long a group may take to vanish after SIGKILL. */
const KILL_WAIT_S = 10;

/**
 * Shell functions the scripts share: `ours PIDFILE` prints "pid startedAt" when the pid file's process is alive and
 * is the one started (same kernel start time, not a zombie); `group_alive PGID` succeeds while a live process is in
 * the group.
 */
const FUNCTIONS = `
ours() {
  [ -f "$1" ] || return 1
  set -- $(tr -c '0-9\\n' ' ' < "$1")
  [ -r "/proc/$1/stat" ] || return 1
  s=$(sed 's/.*) //' "/proc/$1/stat") || return 1
  set -- "$1" "$2" "$3" $s
  [ "$4" != Z ] && [ "\${23}" = "$2" ] && echo "$1 $3"
}
group_alive() {
  ps -e -o pgid= -o stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { n++ } END { exit n > 0 ? 0 : 1 }'
}
`;

export class RemoteProcesses {
  constructor(
    private readonly shell: RemoteShell,
    private readonly files: RemoteFiles,
    private readonly hostName: string,
    private readonly describe: string,
    /** HOST_ROOT, HOST_ADDRESS, HOST_NAME. */
    private readonly hostEnv: Readonly<Record<string, string>>,
  ) {}

  async start(spec: ProcessSpec): Promise<ProcessStatus> {
    checkProcessName(spec.name, this.hostName);
    const pidFile = shellQuote(this.pidFile(spec.name));
    const log = shellQuote(this.files.machinePath(`${LOG_DIR}/${spec.name}.log`));
    const cwd = shellQuote(this.files.machinePath(spec.cwd ?? "/"));
    const env = Object.entries({ ...this.hostEnv, ...(spec.env ?? {}) }).map(([k, v]) => shellQuote(`${k}=${v}`));
    // without args the command is a shell command line, as on local hosts
    const commandLine = shellCommand(...spawnArguments(spec.command, spec.args ?? []));
    const script = `${FUNCTIONS}
set -e
if r=$(ours ${pidFile}); then echo "$r"; exit ${ALREADY_RUNNING}; fi
if [ -f ${pidFile} ]; then
  # the previous leader is dead, but members of its group may linger: stop them first
  set -- $(tr -c '0-9\\n' ' ' < ${pidFile})
  if group_alive "$1"; then kill -KILL "-$1" 2>/dev/null || true; fi
fi
mkdir -p -- ${shellQuote(this.files.machinePath(PID_DIR))} ${shellQuote(this.files.machinePath(LOG_DIR))} ${cwd}
echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) start: "${shellQuote(commandLine)} >> ${log}
cd ${cwd}
setsid env ${env.join(" ")} ${commandLine} >> ${log} 2>&1 < /dev/null &
pid=$!
ticks=$(sed 's/.*) //' /proc/$pid/stat | cut -d' ' -f20)
boot=$(awk '/^btime/ { print $2 }' /proc/stat)
hz=$(getconf CLK_TCK)
at=$((boot * 1000 + ticks * 1000 / hz))
printf '{"pid":%s,"startTicks":%s,"startedAt":%s}\\n' "$pid" "$ticks" "$at" > ${pidFile}.tmp
mv -f -- ${pidFile}.tmp ${pidFile}
if r=$(ours ${pidFile}); then echo "$r"; else echo "$pid exited"; fi
`;
    const r = await this.shell.run(script, { idempotent: false, timeoutMs: 60_000 });
    const [pid, at] = r.stdout.trim().split(" ");
    if (r.exitCode === ALREADY_RUNNING) {
      throw new Error(`${this.describe}: process "${spec.name}" is already running (pid ${pid})`);
    }
    if (r.exitCode !== 0) {
      throw new Error(
        `${this.describe}: cannot start process "${spec.name}" (${spec.command}): ${r.stderr.trim() || r.exitCode}`,
      );
    }
    if (at === "exited") return { running: false, pid: Number(pid) };
    return { running: true, pid: Number(pid), startedAt: Number(at) };
  }

  async inspect(name: string): Promise<ProcessStatus> {
    checkProcessName(name, this.hostName);
    const r = await this.shell.operation(`${FUNCTIONS}\nours ${shellQuote(this.pidFile(name))} || true`);
    if (r.exitCode !== 0) throw new Error(`${this.describe}: cannot inspect process "${name}": ${r.stderr.trim()}`);
    const [pid, at] = r.stdout.trim().split(" ");
    return pid ? { running: true, pid: Number(pid), startedAt: Number(at) } : { running: false };
  }

  async signal(name: string, signal: string): Promise<void> {
    checkProcessName(name, this.hostName);
    const sig = signal.replace(/^SIG/, "");
    if (!/^[A-Z0-9]+$/.test(sig)) throw new Error(`${this.describe}: invalid signal ${JSON.stringify(signal)}`);
    const r = await this.shell.operation(
      `${FUNCTIONS}\nr=$(ours ${shellQuote(this.pidFile(name))}) || exit ${NOT_RUNNING}\nexec kill -${sig} "\${r%% *}"`,
      { idempotent: false },
    );
    if (r.exitCode === NOT_RUNNING) {
      throw new Error(`${this.describe}: cannot send ${signal} to "${name}": it is not running`);
    }
    if (r.exitCode !== 0) throw new Error(`${this.describe}: cannot send ${signal} to "${name}": ${r.stderr.trim()}`);
  }

  async stop(name: string, graceMs = 5000): Promise<void> {
    checkProcessName(name, this.hostName);
    const pidFile = shellQuote(this.pidFile(name));
    const polls = Math.max(1, Math.ceil(graceMs / 50));
    const script = `${FUNCTIONS}
[ -f ${pidFile} ] || exit 0
set -- $(tr -c '0-9\\n' ' ' < ${pidFile})
g="$1"
if [ -n "$g" ] && { ours ${pidFile} >/dev/null || group_alive "$g"; }; then
  kill -TERM "-$g" 2>/dev/null || true
  i=0
  while group_alive "$g" && [ $i -lt ${polls} ]; do sleep 0.05; i=$((i + 1)); done
  if group_alive "$g"; then
    kill -KILL "-$g" 2>/dev/null || true
    i=0
    while group_alive "$g"; do
      [ $i -lt ${KILL_WAIT_S * 20} ] || { echo "process group $g did not exit after SIGKILL" >&2; exit 1; }
      sleep 0.05; i=$((i + 1))
    done
  fi
fi
rm -f -- ${pidFile}
`;
    const r = await this.shell.run(script, { idempotent: true, timeoutMs: graceMs + KILL_WAIT_S * 1000 + 30_000 });
    if (r.exitCode !== 0)
      throw new Error(
        `${this.describe}: cannot stop process "${name}": ${r.stderr.trim() || `exit code ${r.exitCode}`}`,
      );
  }

  async list(): Promise<string[]> {
    const dir = shellQuote(this.files.machinePath(PID_DIR));
    const r = await this.shell.operation(`[ -d ${dir} ] || exit 0; cd ${dir} && ls -1A`);
    return r.stdout
      .split("\n")
      .filter((f) => f.endsWith(".json") && !f.startsWith("."))
      .map((f) => f.slice(0, -5))
      .sort();
  }

  async readLog(name: string, maxBytes = 4096): Promise<string | null> {
    checkProcessName(name, this.hostName);
    const log = shellQuote(this.files.machinePath(`${LOG_DIR}/${name}.log`));
    const r = await this.shell.operation(
      `[ -f ${log} ] || exit 44; exec tail -c ${Math.max(1, Math.floor(maxBytes))} -- ${log}`,
    );
    return r.exitCode === 0 ? r.stdout : null;
  }

  private pidFile(name: string): string {
    return this.files.machinePath(`${PID_DIR}/${name}.json`);
  }
}
