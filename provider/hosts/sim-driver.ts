// The SIMULATED host driver: an in-memory fabric of hosts for tests and
// benchmarks. Nothing touches the real machine.
//
// A SimFabric keeps, per host name: files (content + mode), processes
// (running flag, pid, ports), Debian packages (installed versions; which names
// are available), and a log of every command run. Each operation may be
// delayed (`latency_ms`) and may be made to fail (`injectFailure`, or the
// host option `fail_ops`).
//
// Commands: `run` records the command and succeeds (exit 0, empty output).
// A tiny vocabulary is interpreted: `true`, `false`, `exit N`, and
// `test -e|-f|-d PATH` (answered from the simulated files). Everything else is
// a simulated no-op.
//
// Health probes: checkTcp/checkHttp succeed when a running process on the
// host declared that port (checkHttp answers status 200, empty body).

import {
  type CommandResult,
  type FileStat,
  type HostDriver,
  type HostReachability,
  type HostSpec,
  HostUnreachableError,
  type ProcessSpec,
  type ProcessStatus,
} from "../../contract/host-driver.js";
import { PackageUnavailableError, packageWithoutCandidate } from "../../contract/host-limitation.js";
import { checkPackageName, checkProcessName, normalizeHostPath } from "./host-paths.js";

/** Driver operations that can be delayed or made to fail. */
export type SimOp =
  | "run"
  | "readFile"
  | "writeFile"
  | "statFile"
  | "removeFile"
  | "removeTree"
  | "startProcess"
  | "stopProcess"
  | "inspectProcess"
  | "checkTcp"
  | "checkHttp"
  | "packageVersion"
  | "installPackage"
  | "removePackage"
  | "listProcesses"
  | "signalProcess"
  | "readProcessLog";

export interface SimFailureSpec {
  /** Host name; every host when absent. */
  host?: string;
  /** Driver method name, e.g. "writeFile", "run", "installPackage". */
  op: SimOp | string;
  /** Substring of the path / command / process name / package name / port the operation acts on. */
  match?: string;
  /** How many times the failure fires; forever when absent. */
  times?: number;
  /** Error message. */
  error?: string;
  /** For "run" only: instead of throwing, return this exit code with `error` as stderr. */
  exit_code?: number;
}

export interface SimFile {
  content: string;
  mode: number;
}

export interface SimProcess {
  name: string;
  running: boolean;
  pid: number;
  startedAt: number;
  ports: number[];
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Signals received (reloads), oldest first. */
  signals: string[];
}

export interface SimCommand {
  command: string;
  env: Record<string, string>;
  exitCode: number;
  at: number;
}

export class SimHost {
  /**
   * Whether the host's root exists: false until something is written, started or run on it, and again after
   * removeTree("/").
   */
  exists = false;
  readonly files = new Map<string, SimFile>();
  readonly processes = new Map<string, SimProcess>();
  /** Installed packages: name → version. */
  readonly packages = new Map<string, string>();
  /** When set, only these package names can be installed; otherwise everything but `unavailable`. */
  available: Set<string> | null = null;
  readonly unavailable = new Set<string>();
  readonly commandLog: SimCommand[] = [];
  latencyMs = 0;
  /** Why the host does not answer (killHost), or null while it is up. */
  down: string | null = null;
  constructor(readonly name: string) {}
}

interface ActiveFailure extends SimFailureSpec {
  remaining: number;
}

export class SimFabric {
  readonly hosts = new Map<string, SimHost>();
  private failures: ActiveFailure[] = [];
  private nextPid = 1000;
  /** Count of operations performed, by op (for benchmarks and tests). */
  readonly opCounts = new Map<string, number>();

  /** The state of a host (created empty on first use). */
  host(name: string): SimHost {
    let h = this.hosts.get(name);
    if (!h) {
      h = new SimHost(name);
      this.hosts.set(name, h);
    }
    return h;
  }

  injectFailure(spec: SimFailureSpec): void {
    this.failures.push({ ...spec, remaining: spec.times ?? Infinity });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Simulates a crash: the process stops running (its record stays, as a pid file would). */
  killProcess(host: string, name: string): void {
    const p = this.host(host).processes.get(name);
    if (p) p.running = false;
  }

  /**
   * Simulates the loss of a host: it stops answering (every operation throws HostUnreachableError with `reason`) and
   * its processes stop. Its files and packages stay, as on a disk that comes back.
   */
  killHost(name: string, reason = "the simulated host does not answer"): void {
    const h = this.host(name);
    h.down = reason;
    for (const p of h.processes.values()) p.running = false;
  }

  /** The host answers again (its processes stay stopped, as after a reboot). */
  reviveHost(name: string): void {
    this.host(name).down = null;
  }

  allocatePid(): number {
    return this.nextPid++;
  }

  /** The failure to apply for an operation, consuming one use; undefined when none. */
  takeFailure(host: string, op: string, subject: string): ActiveFailure | undefined {
    for (const f of this.failures) {
      if (f.remaining <= 0) continue;
      if (f.op !== op) continue;
      if (f.host !== undefined && f.host !== host) continue;
      if (f.match !== undefined && !subject.includes(f.match)) continue;
      f.remaining--;
      return f;
    }
    return undefined;
  }

  countOp(op: string): void {
    this.opCounts.set(op, (this.opCounts.get(op) ?? 0) + 1);
  }
}

/** Options understood in a sim host's `options`. */
export interface SimHostOptions {
  latency_ms?: number;
  fail_ops?: SimFailureSpec[];
  /** Package names that cannot be installed. */
  unavailable?: string[];
  /** When set, only these package names can be installed. */
  available?: string[];
  /** Pre-installed packages: name → version. */
  packages?: Record<string, string>;
}

const SIM_PACKAGE_VERSION = "1.0.0-sim";

export class SimDriver implements HostDriver {
  readonly spec: HostSpec;
  readonly describe: string;
  /** The fabric this driver acts on: its engine's. */
  readonly fabric: SimFabric;
  private configured = false;

  constructor(spec: HostSpec, fabric: SimFabric) {
    this.spec = spec;
    this.describe = `SIMULATED host ${spec.name} (sim fabric)`;
    this.fabric = fabric;
  }

  /** This host's state, applying the spec's options the first time the fabric sees this driver. */
  get state(): SimHost {
    const fabric = this.fabric;
    const h = fabric.host(this.spec.name);
    if (!this.configured) {
      this.configured = true;
      const o = (this.spec.options ?? {}) as SimHostOptions;
      h.latencyMs = typeof o.latency_ms === "number" && o.latency_ms > 0 ? o.latency_ms : 0;
      for (const f of o.fail_ops ?? []) fabric.injectFailure({ ...f, host: this.spec.name });
      for (const n of o.unavailable ?? []) h.unavailable.add(n);
      if (o.available) h.available = new Set(o.available);
      for (const [n, v] of Object.entries(o.packages ?? {})) if (!h.packages.has(n)) h.packages.set(n, String(v));
    }
    return h;
  }

  /** Latency, failure injection and op counting around every operation. */
  private async op(op: SimOp, subject: string): Promise<SimHost> {
    const h = this.state;
    if (h.down !== null) throw new HostUnreachableError(this.spec.name, h.down);
    this.fabric.countOp(op);
    if (h.latencyMs > 0) await new Promise<void>((r) => setTimeout(r, h.latencyMs));
    else await Promise.resolve(); // a microtask, never a timer: 100,000 operations stay fast
    const f = this.fabric.takeFailure(this.spec.name, op, subject);
    if (f && !(op === "run" && f.exit_code !== undefined)) {
      throw new Error(f.error ?? `injected failure: ${op} ${subject} on ${this.describe}`);
    }
    return h;
  }

  async probe(): Promise<HostReachability> {
    const down = this.state.down;
    return down === null ? { reachable: true } : { reachable: false, reason: down };
  }

  private path(p: string): string {
    return normalizeHostPath(p, this.spec.name);
  }

  async run(
    command: string,
    opts: { env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<CommandResult> {
    if (opts.signal?.aborted) throw new Error("operation aborted");
    const h = this.state;
    if (h.down !== null) throw new HostUnreachableError(this.spec.name, h.down);
    this.fabric.countOp("run");
    if (h.latencyMs > 0) await new Promise<void>((r) => setTimeout(r, h.latencyMs));
    else await Promise.resolve();
    const f = this.fabric.takeFailure(this.spec.name, "run", command);
    h.exists = true;
    let result: CommandResult;
    if (f && f.exit_code === undefined) {
      h.commandLog.push({ command, env: opts.env ?? {}, exitCode: -1, at: Date.now() });
      throw new Error(f.error ?? `injected failure: run ${command} on ${this.describe}`);
    } else if (f) {
      result = { exitCode: f.exit_code!, stdout: "", stderr: f.error ?? "" };
    } else {
      result = this.interpret(h, command.trim());
    }
    h.commandLog.push({ command, env: opts.env ?? {}, exitCode: result.exitCode, at: Date.now() });
    return result;
  }

  private interpret(h: SimHost, command: string): CommandResult {
    const ok = { exitCode: 0, stdout: "", stderr: "" };
    if (command === "true" || command === ":") return ok;
    if (command === "false") return { exitCode: 1, stdout: "", stderr: "" };
    let m = /^exit\s+(\d+)$/.exec(command);
    if (m) return { exitCode: Number(m[1]), stdout: "", stderr: "" };
    m = /^test\s+-([efd])\s+(\S+)$/.exec(command);
    if (m) {
      const p = this.path(m[2]!);
      const isFile = h.files.has(p);
      const isDir = p === "/" || [...h.files.keys()].some((k) => k.startsWith(`${p}/`));
      const yes = m[1] === "f" ? isFile : m[1] === "d" ? isDir : isFile || isDir;
      return { exitCode: yes ? 0 : 1, stdout: "", stderr: "" };
    }
    return ok; // simulated no-op
  }

  async readFile(path: string): Promise<string | null> {
    const p = this.path(path);
    const h = await this.op("readFile", p);
    return h.files.get(p)?.content ?? null;
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const p = this.path(path);
    if (p === "/") throw new Error(`${this.describe}: cannot write a file over the host root`);
    const h = await this.op("writeFile", p);
    h.exists = true;
    h.files.set(p, { content, mode: mode & 0o7777 });
  }

  async statFile(path: string): Promise<FileStat | null> {
    const p = this.path(path);
    const h = await this.op("statFile", p);
    if (!h.exists) return null;
    const f = h.files.get(p);
    if (f) return { mode: f.mode, size: Buffer.byteLength(f.content) };
    // Directories exist implicitly: the root, and any prefix of a file path.
    if (p === "/" || [...h.files.keys()].some((k) => k.startsWith(`${p}/`))) return { mode: 0o755, size: 0 };
    return null;
  }

  async removeFile(path: string): Promise<void> {
    const p = this.path(path);
    const h = await this.op("removeFile", p);
    h.files.delete(p);
  }

  /** Removes a subtree; removing "/" removes the whole host (files and process records). */
  async removeTree(path: string): Promise<void> {
    const p = this.path(path);
    const h = await this.op("removeTree", p);
    for (const k of [...h.files.keys()]) if (p === "/" || k === p || k.startsWith(`${p}/`)) h.files.delete(k);
    if (p === "/") {
      h.processes.clear();
      h.exists = false;
    }
  }

  async startProcess(spec: ProcessSpec): Promise<ProcessStatus> {
    checkProcessName(spec.name, this.spec.name);
    const h = await this.op("startProcess", spec.name);
    const existing = h.processes.get(spec.name);
    if (existing?.running) {
      throw new Error(`${this.describe}: process "${spec.name}" is already running (pid ${existing.pid})`);
    }
    h.exists = true;
    const p: SimProcess = {
      name: spec.name,
      running: true,
      pid: this.fabric.allocatePid(),
      startedAt: Date.now(),
      ports: [...(spec.ports ?? [])],
      signals: [],
      command: spec.command,
      args: [...(spec.args ?? [])],
      env: { ...(spec.env ?? {}) },
      cwd: spec.cwd ?? "/",
    };
    h.processes.set(spec.name, p);
    return { running: true, pid: p.pid, startedAt: p.startedAt };
  }

  async stopProcess(name: string, _graceMs?: number): Promise<void> {
    checkProcessName(name, this.spec.name);
    const h = await this.op("stopProcess", name);
    h.processes.delete(name);
  }

  async signalProcess(name: string, signal: string): Promise<void> {
    checkProcessName(name, this.spec.name);
    const h = await this.op("signalProcess", name);
    const p = h.processes.get(name);
    if (!p?.running) throw new Error(`${this.describe}: cannot send ${signal} to "${name}": it is not running`);
    p.signals.push(signal);
  }

  async inspectProcess(name: string): Promise<ProcessStatus> {
    checkProcessName(name, this.spec.name);
    const h = await this.op("inspectProcess", name);
    const p = h.processes.get(name);
    return p?.running ? { running: true, pid: p.pid, startedAt: p.startedAt } : { running: false };
  }

  async listProcesses(): Promise<string[]> {
    const h = await this.op("listProcesses", "");
    return [...h.processes.keys()].sort();
  }

  async readProcessLog(name: string): Promise<string | null> {
    const h = await this.op("readProcessLog", name);
    const p = h.processes.get(name);
    return p ? `(simulated process ${name}: ${[p.command, ...p.args].join(" ")}; no output captured)\n` : null;
  }

  private portOpen(h: SimHost, port: number): boolean {
    for (const p of h.processes.values()) if (p.running && p.ports.includes(port)) return true;
    return false;
  }

  async checkTcp(port: number, _timeoutMs?: number): Promise<boolean> {
    const h = await this.op("checkTcp", String(port));
    return this.portOpen(h, port);
  }

  async checkHttp(
    port: number,
    _path: string,
    _timeoutMs?: number,
  ): Promise<{ ok: boolean; status?: number; body?: string }> {
    const h = await this.op("checkHttp", String(port));
    return this.portOpen(h, port) ? { ok: true, status: 200, body: "" } : { ok: false };
  }

  async packageVersion(name: string): Promise<string | null> {
    checkPackageName(name, this.spec.name);
    const h = await this.op("packageVersion", name);
    return h.packages.get(name) ?? null;
  }

  async installPackage(name: string, version?: string): Promise<string> {
    checkPackageName(name, this.spec.name);
    const h = await this.op("installPackage", name);
    if (h.unavailable.has(name) || (h.available !== null && !h.available.has(name))) {
      const detail = `E: Unable to locate package ${name}`;
      throw new PackageUnavailableError(
        packageWithoutCandidate(name, this.spec, false, detail),
        `package "${name}" cannot be installed on host "${this.spec.name}" (sim): ${detail}`,
      );
    }
    // a version pattern ("1.0.1-*") installs a simulated build of that version
    const v = version?.replace(/\*$/, "sim") ?? h.packages.get(name) ?? SIM_PACKAGE_VERSION;
    h.packages.set(name, v);
    return v;
  }

  async packageCandidate(name: string): Promise<string | null> {
    checkPackageName(name, this.spec.name);
    const h = await this.op("packageVersion", name);
    if (h.unavailable.has(name) || (h.available !== null && !h.available.has(name))) return null;
    return SIM_PACKAGE_VERSION;
  }

  async removePackage(name: string): Promise<void> {
    checkPackageName(name, this.spec.name);
    const h = await this.op("removePackage", name);
    h.packages.delete(name);
  }
}
