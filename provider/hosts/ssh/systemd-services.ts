// Processes on an ssh host that runs systemd: each becomes a unit
// gantry-<name>.service (written to /etc/systemd/system, daemon-reload,
// enabled, started) whose ExecStart is a launcher script holding the command
// line; health is systemctl's ActiveState and MainPID; output is appended to
// /var/log/gantry/<name>.log as for processes gantry watches itself. Stopping
// removes the unit again, as stopping a watched process removes its pid file.

import type { ProcessSpec, ProcessStatus } from "../../../contract/host-driver.js";
import { checkProcessName } from "../host-paths.js";
import { spawnArguments } from "../process-command-line.js";
import type { RemoteFiles } from "./remote-files.js";
import type { RemoteShell } from "./remote-shell.js";
import { shellCommand, shellQuote } from "./shell-quote.js";

const UNIT_DIR = "/etc/systemd/system";
const LAUNCHER_DIR = "/var/lib/gantry/units";
const LOG_DIR = "/var/log/gantry";
const PREFIX = "gantry-";
/** systemd's wait between SIGTERM and SIGKILL when a unit stops. */
const STOP_TIMEOUT_S = 5;

export class SystemdServices {
  constructor(
    private readonly shell: RemoteShell,
    private readonly files: RemoteFiles,
    private readonly hostName: string,
    private readonly describe: string,
    private readonly hostEnv: Readonly<Record<string, string>>,
  ) {}

  async start(spec: ProcessSpec): Promise<ProcessStatus> {
    checkProcessName(spec.name, this.hostName);
    const now = await this.inspect(spec.name);
    if (now.running) throw new Error(`${this.describe}: process "${spec.name}" is already running (pid ${now.pid})`);
    const env = Object.entries({ ...this.hostEnv, ...(spec.env ?? {}) }).map(([k, v]) => shellQuote(`${k}=${v}`));
    const cwd = this.files.machinePath(spec.cwd ?? "/");
    const launcher = `${LAUNCHER_DIR}/${spec.name}.sh`;
    await this.files.writeFile(
      launcher,
      `#!/bin/sh\nmkdir -p -- ${shellQuote(cwd)}\ncd ${shellQuote(cwd)} || exit 1\n` +
        // a command without args is a /bin/sh command line, as for processes gantry watches itself
        `exec env ${env.join(" ")} ${shellCommand(...spawnArguments(spec.command, spec.args ?? []))}\n`,
      0o755,
    );
    const log = this.files.machinePath(`${LOG_DIR}/${spec.name}.log`);
    await this.files.writeFile(
      `${UNIT_DIR}/${this.unit(spec.name)}`,
      [
        "[Unit]",
        `Description=gantry process ${spec.name} on host ${this.hostName}`,
        "",
        "[Service]",
        `ExecStart=/bin/sh ${this.files.machinePath(launcher)}`,
        `StandardOutput=append:${log}`,
        `StandardError=append:${log}`,
        "KillMode=control-group",
        `TimeoutStopSec=${STOP_TIMEOUT_S}`,
        "Restart=no",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
      ].join("\n"),
    );
    const unit = shellQuote(this.unit(spec.name));
    const r = await this.shell.run(
      `set -e\nmkdir -p -- ${shellQuote(this.files.machinePath(LOG_DIR))}\nsystemctl daemon-reload\n` +
        `systemctl enable --quiet ${unit}\nsystemctl restart ${unit}`,
      { idempotent: true, timeoutMs: 120_000 },
    );
    if (r.exitCode !== 0) {
      throw new Error(`${this.describe}: cannot start unit ${this.unit(spec.name)}: ${r.stderr.trim()}`);
    }
    return await this.inspect(spec.name);
  }

  async inspect(name: string): Promise<ProcessStatus> {
    checkProcessName(name, this.hostName);
    const r = await this.shell.operation(
      "exec systemctl show --timestamp=unix -p ActiveState -p MainPID -p ExecMainStartTimestamp " +
        shellQuote(this.unit(name)),
    );
    const props = new Map(
      r.stdout.split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
    );
    const pid = Number(props.get("MainPID") ?? 0);
    if (props.get("ActiveState") !== "active" || !(pid > 0)) return { running: false };
    const at = /^@(\d+)/.exec(props.get("ExecMainStartTimestamp") ?? "");
    return { running: true, pid, startedAt: at ? Number(at[1]) * 1000 : undefined };
  }

  async signal(name: string, signal: string): Promise<void> {
    const now = await this.inspect(name);
    if (!now.running) throw new Error(`${this.describe}: cannot send ${signal} to "${name}": it is not running`);
    const r = await this.shell.operation(
      `exec systemctl kill --kill-whom=main -s ${shellQuote(signal)} ${shellQuote(this.unit(name))}`,
      { idempotent: false },
    );
    if (r.exitCode !== 0) throw new Error(`${this.describe}: cannot send ${signal} to "${name}": ${r.stderr.trim()}`);
  }

  async stop(name: string, graceMs = 5000): Promise<void> {
    checkProcessName(name, this.hostName);
    const unit = shellQuote(this.unit(name));
    const unitFile = shellQuote(this.files.machinePath(`${UNIT_DIR}/${this.unit(name)}`));
    const launcher = shellQuote(this.files.machinePath(`${LAUNCHER_DIR}/${name}.sh`));
    // a unit that failed (its process exited with an error) stays listed as failed, even once its file is gone,
    // until reset-failed
    const r = await this.shell.run(
      `[ -e ${unitFile} ] || exit 0\nsystemctl disable --quiet --now ${unit} || systemctl stop ${unit}\n` +
        `rm -f -- ${unitFile} ${launcher}\nsystemctl daemon-reload\n` +
        `systemctl reset-failed ${unit} 2>/dev/null || true`,
      { idempotent: true, timeoutMs: graceMs + 120_000 },
    );
    if (r.exitCode !== 0) throw new Error(`${this.describe}: cannot stop unit ${this.unit(name)}: ${r.stderr.trim()}`);
  }

  async list(): Promise<string[]> {
    const dir = shellQuote(this.files.machinePath(UNIT_DIR));
    const r = await this.shell.operation(`cd ${dir} 2>/dev/null && ls -1A || true`);
    return r.stdout
      .split("\n")
      .filter((f) => f.startsWith(PREFIX) && f.endsWith(".service"))
      .map((f) => f.slice(PREFIX.length, -".service".length))
      .sort();
  }

  private unit(name: string): string {
    return `${PREFIX}${name}.service`;
  }
}
