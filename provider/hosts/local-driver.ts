// The local host driver: a "host" that is a sandbox on this machine.
//
// Each host has its own root directory (host path "/etc/x" is <root>/etc/x;
// paths that climb out of the root with ".." are rejected) and its own
// loopback address (127.x.y.z) that its services bind. Commands run with
// /bin/sh -c in the root. Processes are spawned detached in their own process
// group, their output appended to <root>/var/log/gantry/<name>.log, and a pid
// file <root>/run/gantry/<name>.json records pid and the kernel's start time of
// the process (/proc/<pid>/stat field 22) so a reused pid is never mistaken
// for ours.
//
// Packages are the exception to the sandbox: Debian packages are installed
// with this machine's dpkg/apt and are therefore MACHINE-WIDE — every local
// host sees the same package set, and installing one needs root.

import { spawn, execFile, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as http from "node:http";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, basename } from "node:path";

import type {
  CommandResult,
  FileStat,
  HostDriver,
  HostSpec,
  ProcessSpec,
  ProcessStatus,
} from "../../contract/host-driver.js";
import { checkPackageName, checkPackageVersion, checkProcessName, normalizeHostPath } from "./host-paths.js";

/** The marker file a host root carries when gantry created it. */
export const HOST_MARKER = ".gantry-host";

const PID_DIR = "/run/gantry";
/** Shell builtins that `exec` cannot run. */
const SHELL_BUILTINS = new Set(
  "exit cd wait set export unset ulimit umask read eval exec trap shift return break continue . : source alias times readonly local command type hash getopts".split(" "),
);
/** A command line without shell syntax: words of safe characters only. */
const SIMPLE_COMMAND = /^[A-Za-z0-9_./:=@%+,-]+( +[A-Za-z0-9_./:=@%+,-]+)*$/;
const LOG_DIR = "/var/log/gantry";
/** Output kept in memory per stream by run(); older output is dropped (the tail is kept). */
const MAX_CAPTURE = 1024 * 1024;

interface PidFile {
  pid: number;
  /** /proc/<pid>/stat field 22: start time in clock ticks after boot. */
  startTicks: number;
  /** Milliseconds since epoch, derived from startTicks and the boot time. */
  startedAt: number;
  command: string;
  args: string[];
}

interface ProcStat {
  state: string;
  pgrp: number;
  startTicks: number;
}

let clockTicks: number | undefined;
function clkTck(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

let bootTimeMs: number | undefined;
function bootTime(): number {
  if (bootTimeMs === undefined) {
    const m = /^btime\s+(\d+)/m.exec(fs.readFileSync("/proc/stat", "utf8"));
    bootTimeMs = m ? Number(m[1]) * 1000 : 0;
  }
  return bootTimeMs;
}

/** Parses /proc/<pid>/stat; null when the process does not exist. */
async function procStat(pid: number): Promise<ProcStat | null> {
  let text: string;
  try {
    text = await fsp.readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  return { state: rest[0] ?? "?", pgrp: Number(rest[5 - 3]), startTicks: Number(rest[22 - 3]) };
}

function isDead(stat: ProcStat | null): boolean {
  return stat === null || stat.state === "Z" || stat.state === "X" || stat.state === "x";
}

/** Live (non-zombie) processes in process group `pgid` started no earlier than `minTicks`. */
async function liveGroupMembers(pgid: number, minTicks: number): Promise<number[]> {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = await fsp.readdir("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const st = await procStat(Number(e));
    if (st && st.pgrp === pgid && !isDead(st) && st.startTicks >= minTicks) out.push(Number(e));
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error("operation aborted");
  err.name = "AbortError";
  return err;
}

function keepTail(chunks: Buffer[], size: { n: number }, chunk: Buffer): void {
  chunks.push(chunk);
  size.n += chunk.length;
  while (size.n > MAX_CAPTURE && chunks.length > 1) size.n -= chunks.shift()!.length;
}

export class LocalDriver implements HostDriver {
  readonly spec: HostSpec;
  readonly describe: string;

  constructor(spec: HostSpec) {
    if (!spec.root || !spec.root.startsWith("/")) {
      throw new Error(`local host "${spec.name}": root must be an absolute directory path (got ${JSON.stringify(spec.root)})`);
    }
    if (!net.isIPv4(spec.address)) {
      throw new Error(`local host "${spec.name}": address must be an IPv4 address (got ${JSON.stringify(spec.address)})`);
    }
    this.spec = { ...spec, root: spec.root.replace(/\/+$/, "") || "/" };
    this.describe = `local host ${spec.name} (${spec.address}, root ${this.spec.root})`;
  }

  /** The real path on this machine of a host path. */
  realPath(hostPath: string): string {
    const p = normalizeHostPath(hostPath, this.spec.name);
    return p === "/" ? this.spec.root : join(this.spec.root, p);
  }

  private hostEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOST_ROOT: this.spec.root,
      HOST_ADDRESS: this.spec.address,
      HOST_NAME: this.spec.name,
      ...(extra ?? {}),
    };
  }

  // ---- commands -----------------------------------------------------------

  async run(
    command: string,
    opts: { env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<CommandResult> {
    const { signal, timeoutMs } = opts;
    if (signal?.aborted) throw abortError(signal);
    await fsp.mkdir(this.spec.root, { recursive: true });
    return await new Promise<CommandResult>((resolve, reject) => {
      const child = spawn("/bin/sh", ["-c", command], {
        cwd: this.spec.root,
        env: this.hostEnv(opts.env),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // own process group, so a timeout/abort kills the whole tree
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const outSize = { n: 0 };
      const errSize = { n: 0 };
      child.stdout!.on("data", (c: Buffer) => keepTail(out, outSize, c));
      child.stderr!.on("data", (c: Buffer) => keepTail(err, errSize, c));
      let failure: Error | undefined;
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      };
      const timer =
        timeoutMs !== undefined && timeoutMs > 0
          ? setTimeout(() => {
              failure = new Error(`command timed out after ${timeoutMs} ms on ${this.describe}: ${command}`);
              killGroup();
            }, timeoutMs)
          : undefined;
      const onAbort = () => {
        failure = abortError(signal!);
        killGroup();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const finish = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      child.on("error", (e) => {
        finish();
        reject(e);
      });
      child.on("close", (code, sig) => {
        finish();
        if (failure) return reject(failure);
        resolve({
          exitCode: code ?? (sig ? 128 + (osSignals[sig] ?? 0) : 1),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        });
      });
    });
  }

  // ---- files --------------------------------------------------------------

  async readFile(path: string): Promise<string | null> {
    try {
      return await fsp.readFile(this.realPath(path), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const real = this.realPath(path);
    if (real === this.spec.root) throw new Error(`${this.describe}: cannot write a file over the host root`);
    const dir = dirname(real);
    await fsp.mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${basename(real)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    const fh = await fsp.open(tmp, "wx", mode);
    try {
      try {
        await fh.writeFile(content, "utf8");
        await fh.chmod(mode); // the umask applied at open; set the exact mode
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, real);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    // Make the rename durable too (best effort: not every filesystem allows it).
    try {
      const dh = await fsp.open(dir, "r");
      try {
        await dh.sync();
      } finally {
        await dh.close();
      }
    } catch {
      /* ignore */
    }
  }

  async statFile(path: string): Promise<FileStat | null> {
    try {
      const st = await fsp.stat(this.realPath(path));
      return { mode: st.mode & 0o7777, size: st.size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw e;
    }
  }

  async removeFile(path: string): Promise<void> {
    const real = this.realPath(path);
    try {
      await fsp.unlink(real);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }

  /**
   * Removes a directory tree. Removing the host root itself ("/") is refused
   * unless the root carries the .gantry-host marker, so a directory gantry did
   * not create is never deleted.
   */
  async removeTree(path: string): Promise<void> {
    const real = this.realPath(path);
    if (real === this.spec.root) {
      if (!fs.existsSync(real)) return;
      if (!fs.existsSync(join(real, HOST_MARKER))) {
        throw new Error(
          `${this.describe}: refusing to remove root ${real}: it has no ${HOST_MARKER} marker, so gantry did not create it`,
        );
      }
    }
    await fsp.rm(real, { recursive: true, force: true });
  }

  // ---- processes ----------------------------------------------------------

  private pidPath(name: string): string {
    return this.realPath(`${PID_DIR}/${name}.json`);
  }

  private async readPidFile(name: string): Promise<PidFile | null> {
    checkProcessName(name, this.spec.name);
    try {
      const data = JSON.parse(await fsp.readFile(this.pidPath(name), "utf8")) as PidFile;
      if (typeof data.pid !== "number" || typeof data.startTicks !== "number") return null;
      return data;
    } catch {
      return null;
    }
  }

  /** Whether the process recorded in the pid file is alive and really ours. */
  private async alive(rec: PidFile): Promise<boolean> {
    const st = await procStat(rec.pid);
    return !isDead(st) && st!.startTicks === rec.startTicks;
  }

  async startProcess(spec: ProcessSpec): Promise<ProcessStatus> {
    checkProcessName(spec.name, this.spec.name);
    const existing = await this.readPidFile(spec.name);
    if (existing && (await this.alive(existing))) {
      throw new Error(`${this.describe}: process "${spec.name}" is already running (pid ${existing.pid})`);
    }
    // The previous leader is dead, but children in its process group may linger
    // (e.g. the leader was a shell killed from outside): stop them first.
    if (existing) await this.stopProcess(spec.name, 1000);
    const logPath = this.realPath(`${LOG_DIR}/${spec.name}.log`);
    await fsp.mkdir(dirname(logPath), { recursive: true });
    await fsp.mkdir(dirname(this.pidPath(spec.name)), { recursive: true });
    const cwd = this.realPath(spec.cwd ?? "/");
    await fsp.mkdir(cwd, { recursive: true });

    const args = spec.args ?? [];
    // With args: exec the program directly. Without: the command is a shell command line.
    // A plain command line (no shell syntax) is exec'd by the shell, so the pid is the program itself.
    const first = spec.command.split(" ")[0]!;
    const simple = SIMPLE_COMMAND.test(spec.command) && !first.includes("=") && !SHELL_BUILTINS.has(first);
    const line = simple ? `exec ${spec.command}` : spec.command;
    const [file, argv] = args.length > 0 ? [spec.command, args] : ["/bin/sh", ["-c", line]];
    const logFd = fs.openSync(logPath, "a");
    let child: ChildProcess;
    try {
      fs.writeSync(logFd, `--- ${new Date().toISOString()} gantry: starting ${[spec.command, ...args].join(" ")}\n`);
      child = spawn(file, argv, {
        cwd,
        env: this.hostEnv(spec.env),
        stdio: ["ignore", logFd, logFd],
        detached: true,
      });
      await new Promise<void>((resolve, reject) => {
        child!.once("spawn", () => resolve());
        child!.once("error", (e: Error) => reject(new Error(`${this.describe}: cannot start process "${spec.name}" (${spec.command}): ${e.message}`)));
      });
    } finally {
      fs.closeSync(logFd);
    }
    child.unref();
    const pid = child.pid!;
    const st = await procStat(pid);
    if (st === null) {
      // Exited (and was reaped) already: nothing to track; callers see it as not running.
      await fsp.rm(this.pidPath(spec.name), { force: true });
      return { running: false, pid };
    }
    const rec: PidFile = {
      pid,
      startTicks: st.startTicks,
      startedAt: bootTime() + Math.round((st.startTicks * 1000) / clkTck()),
      command: spec.command,
      args,
    };
    await this.writeFile(`${PID_DIR}/${spec.name}.json`, JSON.stringify(rec, null, 2) + "\n", 0o644);
    return { running: !isDead(st), pid, startedAt: rec.startedAt };
  }

  async inspectProcess(name: string): Promise<ProcessStatus> {
    const rec = await this.readPidFile(name);
    if (!rec) return { running: false };
    if (await this.alive(rec)) return { running: true, pid: rec.pid, startedAt: rec.startedAt };
    return { running: false };
  }

  async signalProcess(name: string, signal: string): Promise<void> {
    const rec = await this.readPidFile(name);
    if (!rec || !(await this.alive(rec))) throw new Error(`${this.describe}: cannot send ${signal} to "${name}": it is not running`);
    process.kill(rec.pid, signal as NodeJS.Signals);
  }

  async stopProcess(name: string, graceMs = 5000): Promise<void> {
    const rec = await this.readPidFile(name);
    if (!rec) {
      await fsp.rm(this.pidPath(name), { force: true });
      return;
    }
    // The group id is the leader's pid (spawned detached). Only signal the group
    // when the leader is ours or members started after it are still around.
    const groupAlive = async () =>
      (await this.alive(rec)) || (await liveGroupMembers(rec.pid, rec.startTicks)).length > 0;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-rec.pid, sig);
      } catch {
        /* gone */
      }
    };
    if (await groupAlive()) {
      signalGroup("SIGTERM");
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && (await groupAlive())) await sleep(25);
      if (await groupAlive()) {
        signalGroup("SIGKILL");
        const hard = Date.now() + 10_000;
        while (await groupAlive()) {
          if (Date.now() > hard) {
            throw new Error(`${this.describe}: process "${name}" (pid ${rec.pid}) did not exit after SIGKILL`);
          }
          await sleep(25);
        }
      }
    }
    await fsp.rm(this.pidPath(name), { force: true });
  }

  async listProcesses(): Promise<string[]> {
    try {
      const entries = await fsp.readdir(this.realPath(PID_DIR));
      return entries.filter((e) => e.endsWith(".json") && !e.startsWith(".")).map((e) => e.slice(0, -5)).sort();
    } catch {
      return [];
    }
  }

  async readProcessLog(name: string, maxBytes = 4096): Promise<string | null> {
    checkProcessName(name, this.spec.name);
    const p = this.realPath(`${LOG_DIR}/${name}.log`);
    let fh;
    try {
      fh = await fsp.open(p, "r");
    } catch {
      return null;
    }
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, maxBytes);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return buf.toString("utf8");
    } finally {
      await fh.close();
    }
  }

  // ---- probes -------------------------------------------------------------

  checkTcp(port: number, timeoutMs = 2000): Promise<boolean> {
    return new Promise((resolve) => {
      const sock = net.connect({ host: this.spec.address, port });
      const done = (ok: boolean) => {
        sock.destroy();
        resolve(ok);
      };
      sock.setTimeout(timeoutMs, () => done(false));
      sock.once("connect", () => done(true));
      sock.once("error", () => done(false));
    });
  }

  tcpExchange(port: number, send: string, timeoutMs = 2000): Promise<string | null> {
    return new Promise((resolve) => {
      const sock = net.connect({ host: this.spec.address, port });
      const chunks: Buffer[] = [];
      let size = 0;
      let connected = false;
      const done = () => {
        sock.destroy();
        resolve(connected ? Buffer.concat(chunks).toString("utf8") : null);
      };
      sock.setTimeout(timeoutMs, done);
      sock.once("connect", () => {
        connected = true;
        sock.write(send);
      });
      sock.on("data", (c: Buffer) => {
        if (size < 65536) chunks.push(c);
        size += c.length;
      });
      sock.once("end", done);
      sock.once("error", done);
    });
  }

  checkHttp(port: number, path: string, timeoutMs = 2000): Promise<{ ok: boolean; status?: number; body?: string }> {
    return new Promise((resolve) => {
      const req = http.get(
        { host: this.spec.address, port, path: path.startsWith("/") ? path : "/" + path, timeout: timeoutMs, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          let n = 0;
          res.on("data", (c: Buffer) => {
            if (n < 65536) chunks.push(c);
            n += c.length;
          });
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            resolve({ ok: status >= 200 && status < 400, status, body: Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", () => resolve({ ok: false, status: res.statusCode }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve({ ok: false }));
    });
  }

  // ---- packages (machine-wide on a local host) ------------------------------

  async packageVersion(name: string): Promise<string | null> {
    checkPackageName(name, this.spec.name);
    return await installedVersion(name);
  }

  /**
   * What apt would install (apt-cache policy's Candidate), or null. Machine-wide,
   * so remembered for CANDIDATE_TTL_MS (one answer per plan, not per host; a
   * long `reconcile --watch` still sees a repository added later).
   */
  async packageCandidate(name: string): Promise<string | null> {
    checkPackageName(name, this.spec.name);
    let entry = candidateCache.get(name);
    if (!entry || Date.now() - entry.at > CANDIDATE_TTL_MS) {
      const answer = ensureAptLists().then(() => aptCandidate(name));
      entry = { at: Date.now(), answer };
      candidateCache.set(name, entry);
    }
    return await entry.answer;
  }

  /** apt-get install on THIS machine: packages are machine-wide, shared by every local host; one apt at a time. */
  async installPackage(name: string, version?: string): Promise<string> {
    checkPackageName(name, this.spec.name);
    if (version !== undefined) checkPackageVersion(version, this.spec.name);
    const target = version ? `${name}=${version}` : name;
    await ensureAptLists();
    const r = await aptQueue.run(async () => {
      // another local host may have installed it while this one waited
      const now = await this.packageVersion(name);
      if (now !== null && (version === undefined || version === now || (version.endsWith("*") && now.startsWith(version.slice(0, -1)))))
        return { exitCode: 0, stdout: "", stderr: "" };
      return await execFileResult("apt-get", ["install", "-y", "-q", ...APT_LOCK_WAIT, target], { DEBIAN_FRONTEND: "noninteractive" });
    });
    if (r.exitCode !== 0) {
      throw new Error(`package "${name}" cannot be installed on host "${this.spec.name}" (local): ${aptReason(r)}`);
    }
    const installed = await this.packageVersion(name);
    if (installed === null) {
      throw new Error(`package "${name}" cannot be installed on host "${this.spec.name}" (local): apt-get succeeded but dpkg does not list it as installed`);
    }
    return installed;
  }

  /** apt-get purge on THIS machine (machine-wide). */
  async removePackage(name: string): Promise<void> {
    checkPackageName(name, this.spec.name);
    if ((await this.packageVersion(name)) === null) return;
    const r = await aptQueue.run(async () => {
      // another local host may have removed it while this one waited
      if ((await this.packageVersion(name)) === null) return { exitCode: 0, stdout: "", stderr: "" };
      return await execFileResult("apt-get", ["purge", "-y", "-q", ...APT_LOCK_WAIT, name], { DEBIAN_FRONTEND: "noninteractive" });
    });
    if (r.exitCode !== 0) {
      throw new Error(`package "${name}" cannot be removed from host "${this.spec.name}" (local): ${aptReason(r)}`);
    }
  }
}

let aptListsReady: Promise<void> | undefined;

/**
 * On a fresh machine apt has no package lists yet, so every package looks
 * uninstallable: read them once (apt-get update) before the first look-up.
 */
function ensureAptLists(): Promise<void> {
  aptListsReady ??= (async () => {
    let lists: string[] = [];
    try {
      lists = fs.readdirSync("/var/lib/apt/lists").filter((f) => f.endsWith("_Packages") || f.endsWith("_Packages.lz4"));
    } catch {
      return; // not a Debian machine: apt look-ups will say so themselves
    }
    if (lists.length) return;
    await aptQueue.run(() => execFileResult("apt-get", ["update", "-q", ...APT_LOCK_WAIT], { DEBIAN_FRONTEND: "noninteractive" }));
  })();
  return aptListsReady;
}

/** apt waits up to 5 minutes for dpkg's machine-wide lock (another apt, unattended-upgrades) instead of failing at once. */
const APT_LOCK_WAIT = ["-o", "DPkg::Lock::Timeout=300"];

/** apt-cache answers, per package name, with when they were asked. */
const candidateCache = new Map<string, { at: number; answer: Promise<string | null> }>();

/**
 * Package look-ups asked for in one moment share one command: dpkg-query and
 * apt-cache take a noticeable time to start, and a plan asks about many
 * packages at once. `lookUp` answers for all the names of a batch.
 */
function batchedLookUp(lookUp: (names: string[]) => Promise<Map<string, string | null>>): (name: string) => Promise<string | null> {
  let waiting = new Map<string, ((v: string | null) => void)[]>();
  const flush = async () => {
    const batch = waiting;
    waiting = new Map();
    const found = await lookUp([...batch.keys()]).catch(() => new Map<string, string | null>());
    for (const [name, resolvers] of batch) for (const resolve of resolvers) resolve(found.get(name) ?? null);
  };
  return (name) =>
    new Promise((resolve) => {
      if (waiting.size === 0) setImmediate(() => void flush());
      (waiting.get(name) ?? waiting.set(name, []).get(name)!).push(resolve);
    });
}

/** What dpkg says is installed (exit status is 1 when any name is unknown; the known ones are still listed). */
const installedVersion = batchedLookUp(async (names) => {
  const r = await execFileResult("dpkg-query", ["-W", "-f=${Package} ${Status} ${Version}\n", ...names], {});
  const found = new Map<string, string | null>();
  for (const line of r.stdout.split("\n")) {
    const m = /^(\S+) install ok installed (\S+)$/.exec(line.trim());
    if (m) found.set(m[1]!, m[2]!);
  }
  return found;
});

/**
 * A package's candidate, remembered on disk for as long as apt's package lists
 * are unchanged (a plan of a whole cluster need not start apt-cache at all).
 */
async function aptCandidate(name: string): Promise<string | null> {
  const file = join(tmpdir(), "gantry-apt-candidates.json");
  let stamp = "";
  try {
    stamp = ["/var/lib/apt/lists", "/etc/apt/sources.list", "/etc/apt/sources.list.d"]
      .map((p) => (fs.existsSync(p) ? String(fs.statSync(p).mtimeMs) : "-"))
      .join(":");
  } catch {
    stamp = "";
  }
  let known: { stamp: string; candidates: Record<string, string | null> } = { stamp, candidates: {} };
  try {
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    if (saved.stamp === stamp && stamp) known = saved;
  } catch {
    // no cache yet
  }
  if (name in known.candidates) return known.candidates[name];
  const answer = await candidateVersion(name);
  try {
    const latest = (() => {
      try {
        const saved = JSON.parse(fs.readFileSync(file, "utf8"));
        return saved.stamp === stamp ? saved : { stamp, candidates: {} };
      } catch {
        return { stamp, candidates: {} };
      }
    })();
    latest.candidates[name] = answer;
    if (stamp) fs.writeFileSync(file + `.${process.pid}`, JSON.stringify(latest)), fs.renameSync(file + `.${process.pid}`, file);
  } catch {
    // a cache is only a cache
  }
  return answer;
}

/** What apt would install: one block per known package, "name:" then "  Installed: …" and "  Candidate: …". */
const candidateVersion = batchedLookUp(async (names) => {
  const r = await execFileResult("apt-cache", ["policy", ...names], {});
  const found = new Map<string, string | null>();
  for (const m of r.stdout.matchAll(/^(\S+?):(?:\w+)?\n(?:[ \t].*\n)*?\s+Candidate:\s*(\S+)/gm)) found.set(m[1]!, m[2] === "(none)" ? null : m[2]!);
  return found;
});
const CANDIDATE_TTL_MS = 60_000;

/** One apt-get at a time in this process: dpkg takes one lock for the whole machine. */
const aptQueue = {
  tail: Promise.resolve() as Promise<unknown>,
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  },
};

const osSignals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13, SIGABRT: 6 };

function aptReason(r: CommandResult): string {
  const lines = (r.stderr + "\n" + r.stdout).split("\n").map((l) => l.trim());
  const errors = lines.filter((l) => /^E:/.test(l));
  if (errors.length > 0) return errors.join("; ");
  const last = lines.filter((l) => l.length > 0).slice(-3).join("; ");
  return last || `apt-get exited with code ${r.exitCode}`;
}

function execFileResult(file: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 127) : 0;
      resolve({ exitCode: code, stdout: String(stdout ?? ""), stderr: String(stderr ?? "") || (err && code === 127 ? err.message : "") });
    });
  });
}
