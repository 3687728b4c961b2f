// The goal-state loop, as Azure's Fabric Controller and Cloud Foundry's
// health manager keep deployments: each round refreshes, plans and repairs
// what drifted, reporting each detection and repair. A repair that keeps
// failing is retried with exponential backoff and given up after a bounded
// number of attempts. Stopping lets the running repair finish; the state
// lock is released after every round.

import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { GantryError } from "../contract/diagnostics.js";
import type { PlanMode, ResourceChange } from "../planner/changes.js";
import { walkPlan } from "./apply-operation.js";
import type { EngineContext } from "./engine-context.js";
import type { EngineEvent, EventSink } from "./events.js";
import { planWorkspace } from "./plan-operation.js";
import type { ImmediateStop } from "./immediate-stop.js";
import type { StateLease } from "./state-backend.js";
import type { Workspace } from "./workspace.js";

export interface ReconcileSettings {
  /** Keep going round after round (false: one round). */
  watch: boolean;
  intervalMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Stop after this many rounds (tests and benchmarks); unlimited when undefined. */
  rounds?: number;
  /** Instances to replace, in the first round only. */
  replace?: string[];
  /** Hosts to mark failed and replace, in the first round only (-replace-host). */
  replaceHosts?: string[];
  /** Mark a cluster host that does not answer failed and place its nodes elsewhere (default true). */
  replaceUnreachable?: boolean;
  /** normal (default: repair) or refresh-only (record what drifted, change nothing). */
  mode?: PlanMode;
  refresh?: boolean;
  targets?: string[];
  parallelism?: number;
  hostParallelism?: number;
}

/** A reconcile event: `change` is set for a repair about to run. */
export type ReconcileEvent = Extract<EngineEvent, { type: "reconcile" }>;

interface Backoff {
  failures: number;
  nextAttemptAt: number;
  lastError: string;
  gaveUp: boolean;
}

export interface ReconcileTotals {
  rounds: number;
  /** Rounds that found something to repair. */
  repairs: number;
  failures: number;
}

export class Reconciler {
  private readonly backoff = new Map<string, Backoff>();
  private lastConfig = "";
  private readonly totals: ReconcileTotals = { rounds: 0, repairs: 0, failures: 0 };

  constructor(
    private readonly engine: EngineContext,
    private readonly ws: Workspace,
    private readonly settings: ReconcileSettings,
    private readonly onEvent: EventSink = () => {},
  ) {}

  private log(kind: string, text: string, change?: ResourceChange): void {
    this.onEvent({ type: "reconcile", kind, text, ...(change ? { change } : {}) });
  }

  /**
   * Runs rounds until stopped (or one round without watch). `stopNow` is
   * told what each round holds, for a stop at once.
   */
  async run(stop: AbortSignal, stopNow?: ImmediateStop): Promise<ReconcileTotals> {
    const s = this.settings;
    this.log("start", `reconciling ${this.ws.dir} every ${s.intervalMs / 1000}s${s.watch ? " (Ctrl-C stops)" : ""}`);
    while (!stop.aborted) {
      await this.round(stop, stopNow);
      if (!s.watch || (s.rounds !== undefined && this.totals.rounds >= s.rounds) || stop.aborted) break;
      await delay(s.intervalMs, undefined, { signal: stop }).catch(() => undefined);
    }
    const t = this.totals;
    this.log(
      "stop",
      `stopped after ${t.rounds} round(s): ${t.repairs} with repairs, ${t.failures} failed repair(s); the state is ` +
        `unlocked`,
    );
    return { ...t };
  }

  /** One round: refresh, plan, repair what is due. Errors are reported, not thrown. */
  async round(stop: AbortSignal, stopNow?: ImmediateStop): Promise<ReconcileTotals> {
    this.totals.rounds++;
    const first = this.totals.rounds === 1;
    let lease: StateLease | undefined;
    try {
      try {
        lease = await this.ws.state.lock("reconcile", Math.min(this.settings.intervalMs, 5000));
      } catch {
        this.log("skip", "the state is locked by another command; trying again next round");
        return { ...this.totals };
      }
      stopNow?.holding(lease);
      await this.repair(first, stop, stopNow);
    } catch (e) {
      if (e instanceof GantryError) this.log("error", e.diagnostics.map((d) => d.summary).join("; "));
      else this.log("error", (e as Error).message);
    } finally {
      stopNow?.release();
      await lease?.release();
    }
    return { ...this.totals };
  }

  private async repair(first: boolean, stop: AbortSignal, stopNow?: ImmediateStop): Promise<void> {
    const s = this.settings;
    // -replace is a one-time request: only the first round carries it out; warnings are shown once
    const { config, plan, state } = await planWorkspace(this.engine, this.ws, {
      refresh: s.refresh,
      targets: s.targets,
      replace: first ? s.replace : [],
      replaceHosts: first ? s.replaceHosts : [],
      // Fabric Controller's way: a cluster host that stops answering is marked failed, its nodes placed elsewhere
      replaceUnreachable: s.mode !== "refresh-only" && s.replaceUnreachable !== false,
      mode: s.mode,
      parallelism: s.parallelism,
      signal: stop,
      onEvent: (e) => {
        // where the configuration is (for located messages), and its warnings once
        if (e.type === "configuration" || (first && e.type === "warnings")) this.onEvent(e);
        if (e.type === "host-lost")
          this.log(
            "host-lost",
            `host ${e.host} does not answer (${e.reason}): marking it failed and placing its nodes on the remaining ` +
              "hosts (gantry host readmit brings it back)",
          );
      },
    });
    this.noticeConfigChange(JSON.stringify(config.files));
    for (const d of plan.drift)
      this.log("drift", `${d.address} ${d.kind === "deleted" ? "is gone" : "changed outside gantry"}`);
    const now = Date.now();
    const wanted = plan.changes.filter((c) => c.action !== "noop");
    // healed: no change planned any more, so no backoff kept
    for (const a of [...this.backoff.keys()]) if (!wanted.some((c) => c.address === a)) this.backoff.delete(a);
    const due = wanted.filter((c) => {
      const b = this.backoff.get(c.address);
      return !b || (!b.gaveUp && b.nextAttemptAt <= now);
    });
    for (const c of wanted) {
      const b = this.backoff.get(c.address);
      if (b && !b.gaveUp && !due.includes(c))
        this.log("wait", `${c.address}: next repair attempt in ${Math.ceil((b.nextAttemptAt - now) / 1000)}s`);
    }
    if (!due.length) {
      if (!wanted.length) this.log("ok", "no drift; everything matches the configuration");
      return;
    }
    this.totals.repairs++;
    for (const c of due) this.log("repair", c.address, c);
    const repairPlan = { ...plan, changes: plan.changes.filter((c) => c.action === "noop" || due.includes(c)) };
    const result = await walkPlan(this.engine, this.ws, config, repairPlan, state, {
      parallelism: s.parallelism,
      hostParallelism: s.hostParallelism,
      signal: stop,
      stopNow,
      onEvent: (e) => {
        if (e.type === "resource" && e.event.kind === "complete")
          this.log("repaired", `${e.event.address} (${e.event.action}, ${e.event.elapsedMs} ms)`);
      },
    });
    for (const x of result.failed) this.recordFailure(x.address, x.error);
    for (const a of result.skipped) this.log("skipped", `${a}: a repair it depends on failed`);
    for (const c of due)
      if (!result.failed.some((x) => x.address === c.address) && !result.skipped.includes(c.address))
        this.backoff.delete(c.address);
  }

  /** A changed configuration is a new goal: repairs given up on are tried again. */
  private noticeConfigChange(files: string): void {
    const fingerprint = createHash("sha256").update(files).digest("hex");
    if (fingerprint === this.lastConfig) return;
    if (this.lastConfig && this.backoff.size)
      this.log("config", "the configuration changed: repairs that were given up on will be tried again");
    this.backoff.clear();
    this.lastConfig = fingerprint;
  }

  private recordFailure(address: string, error: string): void {
    const s = this.settings;
    this.totals.failures++;
    const b = this.backoff.get(address) ?? { failures: 0, nextAttemptAt: 0, lastError: "", gaveUp: false };
    b.failures++;
    b.lastError = error;
    const wait = Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** (b.failures - 1));
    b.nextAttemptAt = Date.now() + wait;
    const firstLine = error.split("\n")[0];
    if (b.failures >= s.maxRetries) {
      b.gaveUp = true;
      this.log(
        "give-up",
        `${address}: repair failed ${b.failures} times; no more attempts until gantry restarts or the configuration ` +
          `changes. Last error: ${firstLine}`,
      );
    } else
      this.log(
        "failed",
        `${address}: ${firstLine} (attempt ${b.failures} of ${s.maxRetries}; next in ${Math.round(wait / 1000)}s)`,
      );
    this.backoff.set(address, b);
  }
}
