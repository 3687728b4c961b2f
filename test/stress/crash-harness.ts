// Crash consistency: runs the built CLI (`node bin/run.js`) on a local host, kills it with SIGKILL at a point chosen
// by a seed, and checks what is left: the state file, the objects on the host against the state, the lock, and that
// the next run converges. Used by test/stress/crash-consistency.test.ts (a fixed set of seeds) and by
// test/stress/crash-consistency.ts (the long run, printing its tally).
//
// Kill points:
// - "create", "replace" (create_before_destroy), "destroy": the harness reads the command's `-json` events and sends
//   SIGKILL from outside after the Nth apply event (N and a delay of 0-20 ms drawn from the seed), so the kill lands
//   between steps, inside a type's operation, or between an operation and the state write that records it (state
//   writes are coalesced, so that window is real).
// - "state-write": inside one write of the state file (half the bytes written, the temporary file complete but not
//   renamed, or just renamed). A window that short cannot be aimed at from outside: the process is told the point by
//   GANTRY_TEST_CRASH_AT and sends SIGKILL to itself there (planner/crash-point.ts).
// - "reconcile": `gantry reconcile --watch` killed after it logs the start of a repair of drift the harness made.

import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;

export type KillKind = "create" | "state-write" | "replace" | "destroy" | "reconcile";
export const KILL_KINDS: KillKind[] = ["create", "state-write", "replace", "destroy", "reconcile"];

export interface RunReport {
  seed: number;
  kind: KillKind;
  /** Where the kill landed, e.g. "after event 7 (apply_complete gantry_file.base[2]) +4ms" or the crash point. */
  point: string;
  /** The command finished before the kill (the point was not reached). */
  missed: boolean;
  /** Objects on the host that the state does not hold and the configuration wants: the next run adopts them. */
  inFlight: string[];
  /** Violations: anything lost, leaked, unreadable or not converging. Must stay empty. */
  problems: string[];
}

export interface Tally {
  runs: number;
  byKind: Record<string, number>;
  killed: number;
  missed: number;
  recovered: number;
  lost: number;
  inFlight: number;
  reports: RunReport[];
}

/** A small seeded generator (mulberry32): the same seed draws the same kill point. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILES = 6;
const SERVICES = 2;

function configText(address: string): string {
  return `variables:
  gen: { type: number, default: 1 }
resources:
  host.h:
    driver: local
    address: ${address}
  file.base:
    count: ${FILES}
    host: \${host.h}
    path: /srv/base/f\${count.index}.txt
    content: "base \${count.index}"
  file.gen:
    count: ${FILES}
    host: \${host.h}
    path: /srv/g\${var.gen}/f\${count.index}.txt
    content: "gen \${var.gen} \${file.base[count.index].sha256}"
    lifecycle: { create_before_destroy: true }
  service.s:
    count: ${SERVICES}
    host: \${host.h}
    name: s\${var.gen}-\${count.index}
    command: /bin/sleep
    args: ["3600"]
    lifecycle: { create_before_destroy: true }
    depends_on: [file.gen]
`;
}

/** What the configuration of generation `gen` wants on the host (none after a destroy). */
function desired(gen: number | null): { files: Set<string>; processes: Set<string> } {
  const files = new Set<string>();
  const processes = new Set<string>();
  if (gen === null) return { files, processes };
  for (let i = 0; i < FILES; i++) files.add(`/srv/base/f${i}.txt`).add(`/srv/g${gen}/f${i}.txt`);
  for (let i = 0; i < SERVICES; i++) processes.add(`s${gen}-${i}`);
  return { files, processes };
}

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], dir: string, env: Record<string, string> = {}): Cli {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 180_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/**
 * Runs the CLI and kills it with SIGKILL right after `afterLine(line)` first returns true for a line of its stdout,
 * `delayMs` later. Resolves with the output and whether the kill landed (false: it had already exited).
 */
function runAndKill(
  args: string[],
  dir: string,
  afterLine: (line: string) => boolean,
  delayMs: number,
  env: Record<string, string> = {},
): Promise<{ killed: boolean; code: number | null; stdout: string; stderr: string; line: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let pending = "";
    let fired = false;
    let killed = false;
    let line = "";
    const timeout = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      pending += d;
      let nl = pending.indexOf("\n");
      while (nl >= 0 && !fired) {
        const l = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (afterLine(l)) {
          fired = true;
          line = l;
          const kill = () => {
            if (child.exitCode === null && child.signalCode === null) killed = child.kill("SIGKILL");
          };
          if (delayMs > 0) setTimeout(kill, delayMs);
          else kill();
        }
        nl = pending.indexOf("\n");
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("close", (code, signal) => {
      clearTimeout(timeout);
      resolve({ killed: killed && signal === "SIGKILL", code, stdout, stderr, line });
    });
  });
}

/** Files under the host root's /srv, as host paths. */
function hostFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`/${relative(root, p)}`);
    }
  };
  walk(join(root, "srv"));
  return out.sort();
}

function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Processes gantry started on the host and that still run: name → pid. */
function hostProcesses(root: string): Map<string, number> {
  const out = new Map<string, number>();
  const dir = join(root, "run", "gantry");
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".json")) continue;
    try {
      const pid = (JSON.parse(readFileSync(join(dir, name), "utf8")) as { pid: number }).pid;
      if (pidAlive(pid)) out.set(name.slice(0, -5), pid);
    } catch {
      // a pid file being written
    }
  }
  return out;
}

interface StateView {
  serial: number;
  lineage: string;
  /** Host paths of gantry_file objects the state holds (current, tainted or deposed) → their instance address. */
  files: Map<string, string>;
  processes: Map<string, string>;
  /** Current (not tainted, not deposed) objects: address → what must exist on the host. */
  current: Map<string, { file?: string; process?: string }>;
}

function readStateView(path: string, problems: string[]): StateView | null {
  if (!existsSync(path)) return null;
  let raw: {
    serial: unknown;
    lineage: unknown;
    resources: {
      address: string;
      type: string;
      status?: string;
      attributes: Record<string, unknown>;
      deposed?: Record<string, unknown>[];
    }[];
  };
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    problems.push(`state file does not parse: ${(e as Error).message}`);
    return null;
  }
  if (typeof raw.serial !== "number" || !Number.isInteger(raw.serial) || raw.serial < 1)
    problems.push(`state serial is not a positive integer: ${String(raw.serial)}`);
  if (typeof raw.lineage !== "string" || !/^[0-9a-f-]{36}$/.test(raw.lineage))
    problems.push(`state lineage is not a UUID: ${String(raw.lineage)}`);
  const view: StateView = {
    serial: raw.serial as number,
    lineage: raw.lineage as string,
    files: new Map(),
    processes: new Map(),
    current: new Map(),
  };
  for (const r of raw.resources ?? []) {
    const objects = [r.attributes, ...(r.deposed ?? [])];
    for (const a of objects) {
      if (r.type === "gantry_file" && typeof a.path === "string") view.files.set(a.path, r.address);
      if (r.type === "gantry_service" && typeof a.name === "string") view.processes.set(a.name, r.address);
    }
    if (r.status === "tainted") continue;
    if (r.type === "gantry_file") view.current.set(r.address, { file: r.attributes.path as string });
    if (r.type === "gantry_service" && r.attributes.state === "running")
      view.current.set(r.address, { process: r.attributes.name as string });
  }
  return view;
}

/** One workspace: a directory with the configuration and its local host. */
class Workspace {
  readonly dir: string;
  readonly root: string;
  readonly statePath: string;

  constructor(address: string) {
    this.dir = mkdtempSync(join(tmpdir(), "gantry-crash-"));
    writeFileSync(join(this.dir, "main.gantry.yaml"), configText(address));
    this.root = join(this.dir, ".gantry", "hosts", "h");
    this.statePath = join(this.dir, "gantry.tfstate");
  }

  run(args: string[], env: Record<string, string> = {}): Cli {
    return cli(args, this.dir, env);
  }

  /** Stops whatever gantry started here and removes the directory. */
  dispose(): void {
    rmSync(`${this.statePath}.lock`, { force: true });
    this.run(["destroy", "-auto-approve", "."]);
    // what gantry still knows of, and any process of this host it may not know of (started, then killed before
    // its pid file was written): every process whose working directory is inside the host root
    const pids = new Set(hostProcesses(this.root).values());
    for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
      try {
        if (readlinkSync(`/proc/${p}/cwd`).startsWith(this.root)) pids.add(Number(p));
      } catch {
        // gone, or not ours to read
      }
    }
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function applyArgs(gen: number): string[] {
  return ["apply", "-auto-approve", "-json", "-var", `gen=${gen}`, "."];
}

function isApplyEvent(line: string): string | null {
  if (!line.startsWith("{")) return null;
  try {
    const e = JSON.parse(line) as { type?: string; address?: string; step?: string };
    if (e.type === "apply_start" || e.type === "apply_complete" || e.type === "apply_log")
      return `${e.type}${e.step ? `:${e.step}` : ""} ${e.address}`;
  } catch {
    // not an event
  }
  return null;
}

/** Whether the state records exactly the files and processes `want` names. */
function holdsExactly(state: StateView | null, want: { files: Set<string>; processes: Set<string> }): boolean {
  const same = (a: Iterable<string>, b: Set<string>) => [...a].sort().join("\n") === [...b].sort().join("\n");
  return !!state && same(state.files.keys(), want.files) && same(state.processes.keys(), want.processes);
}

/** Whether `f` is the temporary file (`.NAME.PID.HEX.tmp`) of an atomic write of a file `known` accepts. */
function partialWriteOf(f: string, known: (target: string) => boolean): boolean {
  const m = /^(.*\/)\.(.+)\.\d+\.[0-9a-f]{12}\.tmp$/.exec(f);
  return !!m && known(`${m[1]}${m[2]}`);
}

/**
 * The checks after a kill: state, host against state, the lock and force-unlock, then recovery. `gen` is the
 * generation the killed command was bringing about (null: a destroy); `before` the state before it.
 */
function checkAfterKill(
  ws: Workspace,
  gen: number | null,
  before: StateView | null,
  report: RunReport,
  expectLock: boolean,
): void {
  const p = report.problems;
  // 1. the state parses, serial and lineage are sane
  const state = readStateView(ws.statePath, p);
  if (before && !state) p.push("the state file is gone");
  if (before && state) {
    if (state.lineage !== before.lineage) p.push(`lineage changed: ${before.lineage} -> ${state.lineage}`);
    if (state.serial < before.serial) p.push(`serial went back: ${before.serial} -> ${state.serial}`);
  }
  // 2. every object on the host is in state, or an in-flight create the configuration wants
  const want = desired(gen);
  for (const f of hostFiles(ws.root)) {
    if (state?.files.has(f)) continue;
    if (want.files.has(f)) report.inFlight.push(f);
    // an atomic write killed before its rename: the temporary file of a file being written, which the next write
    // of that file removes (checked after recovery below)
    else if (partialWriteOf(f, (target) => want.files.has(target) || !!state?.files.has(target)))
      report.inFlight.push(`${f} (a write killed before its rename)`);
    else p.push(`file ${f} is on the host but not in state, and the configuration does not want it (leaked)`);
  }
  for (const [name, pid] of hostProcesses(ws.root)) {
    if (state?.processes.has(name)) continue;
    if (want.processes.has(name)) report.inFlight.push(`process ${name}`);
    else p.push(`process ${name} (pid ${pid}) runs on the host but is not in state (leaked)`);
  }
  // 3. the lock is reported with its holder, and force-unlock clears it
  const lockFile = `${ws.statePath}.lock`;
  if (existsSync(lockFile)) {
    const lock = JSON.parse(readFileSync(lockFile, "utf8")) as { ID: string; PID: number };
    const blocked = ws.run(["refresh", "-no-color", "."]);
    if (blocked.code !== 1) p.push(`refresh while locked exited ${blocked.code}, not 1`);
    for (const needle of ["Error acquiring the state lock", lock.ID, `Process ${lock.PID}`, `force-unlock ${lock.ID}`])
      if (!blocked.stderr.includes(needle)) p.push(`the locked refresh's error does not say ${JSON.stringify(needle)}`);
    if (blocked.stderr.includes("    at ")) p.push("the locked refresh printed a stack trace");
    const unlock = ws.run(["force-unlock", "-force", lock.ID, "."]);
    if (unlock.code !== 0) p.push(`force-unlock exited ${unlock.code}: ${unlock.stderr}`);
    if (existsSync(lockFile)) p.push("force-unlock left the lock file");
  } else if (expectLock && !holdsExactly(state, want)) p.push("no lock file after the kill");
  // (a kill that lands after the operation ended, its lock released, and before the process exited finds no lock,
  // rightly: the state then holds exactly what the operation wanted)
  // 4. what the state holds and the host lacks, the next plan says
  const current = readStateView(ws.statePath, []);
  if (current && gen !== null) {
    const plan = ws.run(["plan", "-json", "-var", `gen=${gen}`, "."]);
    if (plan.code !== 0) p.push(`plan after the kill exited ${plan.code}: ${plan.stderr.slice(0, 500)}`);
    else {
      const changes = (
        JSON.parse(plan.stdout.split("\n")[0]) as {
          resource_changes: { address: string; change: { actions: string[] } }[];
        }
      ).resource_changes;
      const acting = new Set(
        changes
          .filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === "no-op"))
          .map((c) => c.address),
      );
      const onHost = new Set(hostFiles(ws.root));
      const running = hostProcesses(ws.root);
      for (const [address, o] of current.current) {
        const missing = (o.file && !onHost.has(o.file)) || (o.process && !running.has(o.process));
        if (missing && !acting.has(address))
          p.push(`${address} is in state but missing from the host, and the next plan does not say so`);
      }
    }
  }
  // 5. the next run converges, and a following plan shows no changes
  const again = gen === null ? ws.run(["destroy", "-auto-approve", "-json", "."]) : ws.run(applyArgs(gen));
  if (again.code !== 0) p.push(`the next ${gen === null ? "destroy" : "apply"} exited ${again.code}: ${again.stderr}`);
  const after =
    gen === null
      ? ws.run(["plan", "-destroy", "-detailed-exitcode", "-no-color", "."])
      : ws.run(["plan", "-detailed-exitcode", "-no-color", "-var", `gen=${gen}`, "."]);
  if (after.code !== 0)
    p.push(`the plan after recovery is not empty (exit ${after.code}): ${after.stdout.slice(-800)}`);
  const files = hostFiles(ws.root);
  const running = [...hostProcesses(ws.root).keys()].sort();
  if (files.join() !== [...want.files].sort().join()) p.push(`files after recovery: ${files.join(", ")}`);
  if (running.join() !== [...want.processes].sort().join()) p.push(`processes after recovery: ${running.join(", ")}`);
  for (const f of readdirSync(ws.dir))
    if (f.endsWith(".tmp")) p.push(`a temporary state file is left after recovery: ${f}`);
  for (const s of [again.stderr, after.stderr]) if (s.includes("    at ")) p.push("a stack trace was printed");
}

/** One run: set up, kill at the seed's point, check. */
export async function crashRun(seed: number, address: string, kind?: KillKind): Promise<RunReport> {
  const rand = seeded(seed);
  const k = kind ?? KILL_KINDS[seed % KILL_KINDS.length];
  const report: RunReport = { seed, kind: k, point: "", missed: false, inFlight: [], problems: [] };
  const ws = new Workspace(address);
  try {
    const setup = (gen: number) => {
      const r = ws.run(applyArgs(gen));
      if (r.code !== 0) throw new Error(`setup apply failed: ${r.stderr}`);
    };
    if (k === "create") {
      const n = 1 + Math.floor(rand() * 30);
      const delay = Math.floor(rand() * 21);
      await killAfterEvent(ws, applyArgs(1), n, delay, report);
      checkAfterKill(ws, 1, null, report, !report.missed);
    } else if (k === "replace" || k === "destroy") {
      setup(1);
      const before = readStateView(ws.statePath, report.problems);
      const n = 1 + Math.floor(rand() * (k === "replace" ? 24 : 22));
      const delay = Math.floor(rand() * 21);
      const args = k === "replace" ? applyArgs(2) : ["destroy", "-auto-approve", "-json", "."];
      await killAfterEvent(ws, args, n, delay, report);
      checkAfterKill(ws, k === "replace" ? 2 : null, before, report, !report.missed);
    } else if (k === "state-write") {
      // which command's write: the first apply, a replacing one, or a destroy; which write; which stage
      const op = ["create", "replace", "destroy"][Math.floor(rand() * 3)];
      const stage = ["partial", "before-rename", "renamed"][Math.floor(rand() * 3)];
      if (op !== "create") setup(1);
      const before = readStateView(ws.statePath, report.problems);
      const serial = (before?.serial ?? 0) + 1 + Math.floor(rand() * 2);
      report.point = `${op}: state-write:${serial}:${stage}`;
      const args = op === "destroy" ? ["destroy", "-auto-approve", "-json", "."] : applyArgs(op === "replace" ? 2 : 1);
      const r = await runAndKill(args, ws.dir, () => false, 0, {
        GANTRY_TEST_CRASH_AT: `state-write:${serial}:${stage}`,
      });
      report.missed = r.code === 0;
      if (!report.missed && r.code !== null) report.problems.push(`the command exited ${r.code}: ${r.stderr}`);
      checkAfterKill(ws, op === "destroy" ? null : op === "replace" ? 2 : 1, before, report, !report.missed);
    } else {
      await reconcileRun(ws, rand, report);
    }
  } catch (e) {
    report.problems.push(`harness: ${(e as Error).message}`);
  } finally {
    ws.dispose();
  }
  return report;
}

async function killAfterEvent(ws: Workspace, args: string[], n: number, delay: number, report: RunReport) {
  let seen = 0;
  let what = "";
  const r = await runAndKill(
    args,
    ws.dir,
    (line) => {
      const e = isApplyEvent(line);
      if (e && ++seen === n) what = e;
      return seen === n && e !== null;
    },
    delay,
  );
  report.point = `after event ${n} (${what || "none"}) +${delay}ms`;
  report.missed = !r.killed;
  if (!r.killed && r.code !== 0) report.problems.push(`the command exited ${r.code} before the kill: ${r.stderr}`);
}

/** `reconcile --watch` killed while it repairs drift the harness made (deleted files, a killed service). */
async function reconcileRun(ws: Workspace, rand: () => number, report: RunReport): Promise<void> {
  const r0 = ws.run(applyArgs(1));
  if (r0.code !== 0) throw new Error(`setup apply failed: ${r0.stderr}`);
  const before = readStateView(ws.statePath, report.problems);
  const victims = [0, 1, 2, 3, 4, 5].filter(() => rand() < 0.5);
  if (!victims.length) victims.push(0);
  for (const i of victims) unlinkSync(join(ws.root, "srv", `g1/f${i}.txt`));
  const killService = rand() < 0.5;
  if (killService) {
    const pid = hostProcesses(ws.root).get("s1-0");
    if (pid) process.kill(-pid, "SIGKILL");
  }
  // the Nth line of a repair ("repair ADDRESS: create", "repaired ADDRESS (...)"), then the kill
  const nth = 1 + Math.floor(rand() * (victims.length + (killService ? 1 : 0)));
  const delay = Math.floor(rand() * 21);
  let seen = 0;
  let line = "";
  const r = await runAndKill(
    ["reconcile", "--watch", "--interval", "100ms", "-no-color", "."],
    ws.dir,
    (l) => {
      if (/^\S+ (repair|repaired) /.test(l)) seen++;
      if (seen >= nth || /^\S+ ok /.test(l)) {
        line = l;
        return true;
      }
      return false;
    },
    delay,
  );
  const midRepair = !/^\S+ ok /.test(line);
  const drift = `${victims.length} files deleted${killService ? ", a service killed" : ""}`;
  const shown = line ? ` (${line.slice(25, 90).trim()})` : "";
  report.point = `reconcile: ${drift}; after repair line ${nth}${shown} +${delay}ms`;
  report.missed = !r.killed || !midRepair;
  if (!r.killed) report.problems.push(`reconcile exited ${r.code} before the kill: ${r.stderr}`);
  checkAfterKill(ws, 1, before, report, false);
}

export async function crashRuns(
  seeds: number[],
  addressOf: (seed: number) => string,
  onReport?: (r: RunReport) => void,
): Promise<Tally> {
  const tally: Tally = { runs: 0, byKind: {}, killed: 0, missed: 0, recovered: 0, lost: 0, inFlight: 0, reports: [] };
  for (const seed of seeds) {
    const r = await crashRun(seed, addressOf(seed));
    tally.runs++;
    tally.byKind[r.kind] = (tally.byKind[r.kind] ?? 0) + 1;
    if (r.missed) tally.missed++;
    else tally.killed++;
    if (r.problems.length) tally.lost++;
    else tally.recovered++;
    tally.inFlight += r.inFlight.length;
    tally.reports.push(r);
    onReport?.(r);
  }
  return tally;
}

export function describeTally(t: Tally): string {
  const kinds = Object.entries(t.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return (
    `crash runs: ${t.runs} (${kinds}); killed ${t.killed}, finished before the kill ${t.missed}; ` +
    `recovered ${t.recovered}, lost ${t.lost}; in-flight objects adopted by the next run: ${t.inFlight}`
  );
}
