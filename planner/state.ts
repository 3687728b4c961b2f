// Versioned JSON state: serial, lineage, per-instance attributes,
// dependencies and status. Written atomically (temp file, fsync, rename),
// with the previous version kept as a backup.

import { randomUUID } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, basename, join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { CheckResult } from "./check-results.js";
import type { HostLimitation } from "../contract/host-limitation.js";
import type { Attrs, Value } from "../contract/values.js";
import { fullAddress, fullTypeName } from "../contract/type-names.js";
import { moduleOfInstance, type InstanceKey } from "./addresses.js";
import type { CrashPoint } from "./crash-point.js";
import { parseStateFileLines } from "./state-file-lines.js";
import { type TypeJson, typeFromJson, withTypeTags } from "./type-json.js";

/** 2: types and addresses carry the provider prefix ("gantry_noop.a"); version 1 wrote gantry's types short. */
export const STATE_FORMAT_VERSION = 2;

export interface InstanceState {
  address: string;
  /** A data resource's last read ("data.TYPE.NAME"); managed otherwise. */
  mode?: "data";
  type: string;
  name: string;
  key?: InstanceKey;
  attributes: Attrs;
  /** Resource keys ("gantry_noop.a") this instance depended on when last applied. */
  dependencies: string[];
  status?: "tainted";
  createBeforeDestroy?: boolean;
  /** Its configuration said lifecycle destroy = false when last applied: deleting it forgets the object. */
  keepOnDestroy?: boolean;
  /** Objects replaced with create_before_destroy whose destroy has not succeeded yet. */
  deposed?: Attrs[];
  /** What the type said when last applied (e.g. it restarted a stray process). */
  warnings?: string[];
  /** What the type could not do on its host (e.g. a daemon that has no package here). */
  limitations?: HostLimitation[];
  /** Attributes whose values came from sensitive values when last applied (Terraform's sensitive_attributes). */
  sensitiveAttributes?: string[];
}

export interface State {
  version: number;
  serial: number;
  lineage: string;
  gantryVersion: string;
  /** `type`: Terraform's JSON form of the value's type (planner/type-json.ts); states written before it have none. */
  /** `internal`: the output is a front end's own (OutputConfig.internal), never shown. */
  outputs: Record<string, { value: Value; type?: TypeJson; sensitive?: boolean; internal?: boolean }>;
  /** Keyed by instance address. */
  instances: Map<string, InstanceState>;
  /** The checks' results of the last apply (Terraform's check_results): what `show -json` lists as `checks`. */
  checks?: CheckResult[];
}

/** An empty state. Its lineage is assigned when it is first written. */
export function newState(gantryVersion: string): State {
  return { version: STATE_FORMAT_VERSION, serial: 0, lineage: "", gantryVersion, outputs: {}, instances: new Map() };
}

/**
 * A copy whose instance map and records can change without touching `s` (attribute values are shared: they are
 * replaced, never mutated).
 */
export function cloneState(s: State): State {
  const instances = new Map<string, InstanceState>();
  for (const [a, i] of s.instances) instances.set(a, { ...i });
  return { ...s, outputs: { ...s.outputs }, instances };
}

export function serializeState(s: State): string {
  const body = {
    version: s.version,
    gantry_version: s.gantryVersion,
    serial: s.serial,
    lineage: s.lineage,
    outputs: s.outputs,
    ...(s.checks?.length ? { check_results: s.checks } : {}),
    resources: [...s.instances.values()]
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
      .map((i) => ({
        // Terraform's state names a resource's module instance in a field of its own
        ...(i.address.startsWith("module.") ? { module: moduleOfInstance(i) } : {}),
        address: i.address,
        ...(i.mode ? { mode: i.mode } : {}),
        type: i.type,
        name: i.name,
        ...(i.key !== undefined ? { index_key: i.key } : {}),
        ...(i.status ? { status: i.status } : {}),
        ...(i.createBeforeDestroy ? { create_before_destroy: true } : {}),
        ...(i.keepOnDestroy ? { keep_on_destroy: true } : {}),
        dependencies: i.dependencies,
        attributes: i.attributes,
        ...(i.deposed?.length ? { deposed: i.deposed } : {}),
        ...(i.warnings?.length ? { warnings: i.warnings } : {}),
        ...(i.limitations?.length ? { host_limitations: i.limitations } : {}),
        ...(i.sensitiveAttributes?.length ? { sensitive_attributes: i.sensitiveAttributes } : {}),
      })),
  };
  // one resource per line: quick to write for 100,000 instances, still readable and diffable
  const { resources, ...head } = body;
  const top = JSON.stringify(head, null, 1).replace(/\n}$/, "");
  return `${top},\n "resources": [\n${resources.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n ]\n}\n`;
}

export function deserializeState(text: string, path: string): State {
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GantryError(`state file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return stateFromJson(raw, path);
}

/** The state a state file's JSON holds. */
function stateFromJson(raw: any, path: string): State {
  if (
    !raw ||
    typeof raw !== "object" ||
    typeof raw.serial !== "number" ||
    typeof raw.lineage !== "string" ||
    !Array.isArray(raw.resources)
  )
    throw new GantryError(`state file ${path} is not a gantry state (needs serial, lineage and resources)`);
  if (raw.version > STATE_FORMAT_VERSION)
    throw new GantryError(
      `state file ${path} has format version ${raw.version}; this gantry reads up to ${STATE_FORMAT_VERSION}`,
    );
  const instances = new Map<string, InstanceState>();
  // version 1 (and earlier, unversioned) wrote gantry's types short ("noop.a"): read them in full
  const short = !(raw.version >= 2);
  for (const r of raw.resources) {
    const i = !short && recordIsInstance(r) ? (r as InstanceState) : instanceFromJson(r, short);
    instances.set(i.address, i);
  }
  return {
    version: short ? STATE_FORMAT_VERSION : raw.version,
    serial: raw.serial,
    lineage: raw.lineage,
    gantryVersion: raw.gantry_version ?? "",
    outputs: typedOutputs(raw.outputs ?? {}),
    instances,
    ...(Array.isArray(raw.check_results) ? { checks: raw.check_results as CheckResult[] } : {}),
  };
}

/**
 * The record holds only members an instance's record has under the same names (most do: a resource without count,
 * for_each or module, never tainted): it is the instance's record as it is, rather than copied into a new one.
 */
function recordIsInstance(r: any): boolean {
  if (r === null || typeof r !== "object") return false;
  for (const k in r)
    switch (k) {
      case "address":
      case "type":
      case "name":
      case "dependencies":
      case "attributes":
        continue;
      default:
        return false;
    }
  return r.attributes != null && r.dependencies != null;
}

/** An instance's record from a resource of the state file's JSON (`short`: of format version 1). */
function instanceFromJson(r: any, short: boolean): InstanceState {
  // members set one by one, in this order, rather than spread from literals: 100,000 records read faster
  const i = { address: short ? fullAddress(r.address) : r.address } as InstanceState;
  if (r.mode === "data") i.mode = "data";
  i.type = short ? fullTypeName(r.type) : r.type;
  i.name = r.name;
  i.key = r.index_key;
  i.attributes = r.attributes ?? {};
  i.dependencies = short ? (r.dependencies ?? []).map(fullAddress) : (r.dependencies ?? []);
  i.status = r.status;
  i.createBeforeDestroy = r.create_before_destroy;
  if (r.keep_on_destroy) i.keepOnDestroy = true;
  i.deposed = r.deposed;
  i.warnings = r.warnings;
  if (Array.isArray(r.host_limitations)) i.limitations = r.host_limitations;
  if (Array.isArray(r.sensitive_attributes)) i.sensitiveAttributes = r.sensitive_attributes;
  return i;
}

/** The outputs read from JSON, their lists, sets and maps tagged again as their recorded types say. */
function typedOutputs(outputs: State["outputs"]): State["outputs"] {
  for (const o of Object.values(outputs))
    if (o && o.type !== undefined) o.value = withTypeTags(o.value, typeFromJson(o.type));
  return outputs;
}

/** Reads the state file; a missing file is an empty state. */
export function readState(path: string, gantryVersion: string): State {
  if (!existsSync(path)) return newState(gantryVersion);
  const raw = parseStateFileLines(path);
  if (raw) return stateFromJson(raw, path);
  // read as bytes, then decoded: the same text, and for a large state (23 MB at 100,000 instances) about half the CPU
  // of Node 20's readFileSync(path, "utf8")
  return deserializeState(readFileSync(path).toString("utf8"), path);
}

/** The stages of one atomic write, as crash points name them. */
export type WriteStage = "partial" | "before-rename" | "renamed";

export function writeFileAtomic(path: string, content: string, reached?: (stage: WriteStage) => void): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const fd = openSync(tmp, "w", 0o600);
  try {
    if (reached) {
      // a crash test stops half-way through the bytes
      const bytes = Buffer.from(content, "utf8");
      const half = bytes.length >> 1;
      writeSync(fd, bytes, 0, half);
      reached("partial");
      writeSync(fd, bytes, half, bytes.length - half);
    } else writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  reached?.("before-rename");
  renameSync(tmp, path);
  reached?.("renamed");
  try {
    const dfd = openSync(dirname(path), "r");
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // directory fsync is best effort on file systems that refuse it
  }
}

/**
 * Where a StateWriter puts each version of the state: a file (FileStateSink) or a store's rows. `write` records one
 * version atomically; `first` is the first write of a writer, when the version recorded before is kept as the backup.
 */
export interface StateSink {
  /** Where the state is, as shown to users (in errors). */
  readonly location: string;
  /** Synchronous for a file; a sink over a network (PostgreSQL) returns a promise. */
  write(state: State, first: boolean): void | Promise<void>;
  /** Runs `write` when the sink may be written (a store whose connection is in another transaction waits for it). */
  exclusive?(write: () => void | Promise<void>): Promise<void>;
}

/** The state file, written atomically; the first write of a session keeps the previous file as `<path>.backup`. */
export class FileStateSink implements StateSink {
  /** `crash`: a crash test's hook, told "state-write:SERIAL:STAGE" at each stage of each write. */
  constructor(
    readonly path: string,
    private readonly crash?: CrashPoint,
  ) {}

  get location(): string {
    return this.path;
  }

  write(state: State, first: boolean): void {
    if (first) removeStaleTemporaries(this.path);
    if (first && existsSync(this.path)) copyFileSync(this.path, `${this.path}.backup`);
    const crash = this.crash;
    writeFileAtomic(
      this.path,
      serializeState(state),
      crash && ((stage) => crash(`state-write:${state.serial}:${stage}`)),
    );
  }
}

/**
 * Removes the temporary files a killed gantry left beside the state (`.NAME.PID.HEX.tmp`, written and never renamed)
 * when the process that wrote them is gone.
 */
function removeStaleTemporaries(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length).split(".")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || processExists(pid)) continue;
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      // another gantry removed it first
    }
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Persists a state as it changes. Every write bumps the serial; writes are atomic and coalesced: at most one in flight,
 * and the next one no sooner than ten times the last write's duration (at least
 * 100 ms), so a long apply records every step within a fraction of a
 * second without rewriting a large file once per resource. flush() writes
 * what is pending at once. The first write of a session keeps the previous
 * version as the backup (`<path>.backup` for a file).
 */
export class StateWriter {
  private dirty = false;
  private writing: Promise<void> | null = null;
  private backedUp = false;
  private lastError: Error | null = null;
  private lastWriteMs = 0;
  private lastWriteAt = 0;
  private wake: (() => void) | null = null;
  private readonly sink: StateSink;
  private readonly preparers: (() => void)[] = [];
  private view: ((state: State) => State) | undefined;
  /** Number of writes done (for benchmarks and tests). */
  writes = 0;

  /** `to`: a state file's path, or a sink that records the state elsewhere. */
  constructor(
    to: string | StateSink,
    readonly state: State,
  ) {
    this.sink = typeof to === "string" ? new FileStateSink(to) : to;
  }

  /** Where the state is written (a file's path, or the sink's location). */
  get path(): string {
    return this.sink.location;
  }

  /** Record that the state changed: schedules a write. */
  touch(): void {
    if (!this.state.lineage) this.state.lineage = randomUUID();
    this.dirty = true;
    if (!this.writing) this.writing = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.dirty) {
      const due = this.lastWriteAt + Math.max(100, 10 * this.lastWriteMs);
      const wait = due - Date.now();
      // let other completions join the same snapshot; flush() cuts the wait short
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (wait > 0) setTimeout(resolve, wait).unref();
        else setImmediate(resolve);
      });
      this.wake = null;
      const write = async () => {
        this.dirty = false;
        const t0 = Date.now();
        try {
          await this.writeNow();
        } catch (e) {
          this.lastError = e as Error;
        }
        this.lastWriteAt = Date.now();
        this.lastWriteMs = this.lastWriteAt - t0;
      };
      if (this.sink.exclusive) await this.sink.exclusive(write);
      else await write();
    }
    this.writing = null;
  }

  /**
   * `prepare` runs right before each write (and writeSync): it brings into the state what its owner keeps up to date
   * only for writing (a run's pending operations), so a change that comes and goes between writes costs nothing.
   */
  beforeWrite(prepare: () => void): void {
    this.preparers.push(prepare);
  }

  /**
   * `view` gives what is written in place of the state, which it must not change (a door that keeps values in memory
   * in another form than it records them: the Pulumi door's secrets, decrypted while it runs, encrypted when written).
   */
  writeAs(view: (state: State) => State): void {
    this.view = view;
  }

  private writeNow(): void | Promise<void> {
    for (const prepare of this.preparers) prepare();
    // every write that lands is a new serial: a plan saved while an apply was running is then stale
    this.state.serial++;
    const done = () => {
      this.backedUp = true;
      this.writes++;
    };
    const pending = this.sink.write(this.view ? this.view(this.state) : this.state, !this.backedUp);
    if (pending) return pending.then(done);
    done();
  }

  /**
   * Writes what is recorded now, synchronously (last resort before the process exits). A sink that cannot write
   * synchronously (PostgreSQL) is only started: what the last coalesced write missed may be lost.
   */
  writeSync(): void {
    if (!this.dirty && !this.writing) return;
    this.dirty = false;
    const pending = this.writeNow();
    if (pending) pending.catch(() => {});
  }

  /** Write everything recorded so far now; throws if a write failed. */
  async flush(): Promise<void> {
    while (this.writing) {
      this.wake?.();
      await this.writing;
    }
    const e = this.lastError;
    if (e instanceof GantryError)
      // the sink's own explanation (a conflict's detail) stays
      throw new GantryError(
        e.diagnostics.map((d) => ({ ...d, summary: `could not write state ${this.path}: ${d.summary}` })),
      );
    if (e) throw new GantryError(`could not write state ${this.path}: ${e.message}`);
  }
}
