// The goal-state loop (`gantry reconcile --watch`), as Azure's Fabric
// Controller and Cloud Foundry's health manager keep deployments: on an
// interval, refresh, plan, and repair what drifted, logging each detection
// and repair with a timestamp. A repair that keeps failing is retried with
// exponential backoff and given up after a bounded number of attempts.
// Ctrl-C stops cleanly: the running repair finishes and the state lock is
// released.

import type { ResourceChange } from "../planner/changes.js";
import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { GantryError } from "../contract/diagnostics.js";
import { StateLock } from "../planner/state-lock.js";
import { StateWriter } from "../planner/state.js";
import { deepEqual, isUnknown } from "../contract/values.js";
import { applyPlan, makePlan, type FlowFlags, type FlowIO } from "./operations.js";
import { formatValue } from "./render-plan.js";
import { workspace } from "./workspace.js";

export interface ReconcileSettings {
  watch: boolean;
  intervalMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Stop after this many rounds (tests and benchmarks); unlimited when undefined. */
  rounds?: number;
}

interface Backoff {
  failures: number;
  nextAttemptAt: number;
  lastError: string;
  gaveUp: boolean;
}

const stamp = () => new Date().toISOString();

function describeChange(c: ResourceChange): string {
  if (c.action !== "update" || !c.before || !c.after) return c.action === "replace" ? `replace (${c.reason ?? "forced"})` : c.action;
  const keys = Object.keys(c.after).filter((k) => !isUnknown(c.after![k]) && !deepEqual(c.before![k] ?? null, c.after![k] ?? null) && !k.startsWith("sha"));
  return `update ${keys
    .slice(0, 3)
    .map((k) => (typeof c.before![k] === "string" && String(c.before![k]).includes("\n") ? k : `${k}: ${formatValue(c.before![k], "").slice(0, 40)} -> ${formatValue(c.after![k], "").slice(0, 40)}`))
    .join(", ")}${keys.length > 3 ? ", …" : ""}`;
}

/** Runs reconcile rounds until stopped; returns the number of rounds that found something to repair. */
export async function reconcile(f: FlowFlags, io: FlowIO, settings: ReconcileSettings, stop: AbortSignal): Promise<{ rounds: number; repairs: number; failures: number }> {
  const log = (kind: string, text: string) => io.out(`${stamp()} ${kind.padEnd(8)} ${text}`);
  const backoff = new Map<string, Backoff>();
  let rounds = 0;
  let repairs = 0;
  let failures = 0;
  const ws = workspace({ dir: f.dir, statePath: f.state });
  log("start", `reconciling ${ws.dir} every ${settings.intervalMs / 1000}s${settings.watch ? " (Ctrl-C stops)" : ""}`);
  let lastConfig = "";
  const round = async (): Promise<void> => {
    let lock: StateLock | undefined;
    try {
      try {
        lock = await StateLock.acquire(ws.statePath, "reconcile", Math.min(settings.intervalMs, 5000));
      } catch {
        log("skip", "the state is locked by another command; trying again next round");
        return;
      }
      const quiet = { ...io, out: () => {}, warnings: rounds === 1 ? io.warnings : async () => {} };
      // -replace is a one-time request: only the first round carries it out
      const { config, plan, state } = await makePlan(rounds === 1 ? f : { ...f, replace: [] }, "normal", quiet, stop);
      // a changed configuration is a new goal: repairs given up on are tried again
      const fingerprint = createHash("sha256").update(JSON.stringify(config.files)).digest("hex");
      if (fingerprint !== lastConfig) {
        if (lastConfig && backoff.size) log("config", "the configuration changed: repairs that were given up on will be tried again");
        backoff.clear();
        lastConfig = fingerprint;
      }
      for (const d of plan.drift) log("drift", `${d.address} ${d.kind === "deleted" ? "is gone" : "changed outside gantry"}`);
      const now = Date.now();
      const wanted = plan.changes.filter((c) => c.action !== "noop");
      for (const a of [...backoff.keys()]) if (!wanted.some((c) => c.address === a)) backoff.delete(a); // healed or gone
      const due = wanted.filter((c) => {
        const b = backoff.get(c.address);
        return !b || (!b.gaveUp && b.nextAttemptAt <= now);
      });
      for (const c of wanted) {
        const b = backoff.get(c.address);
        if (b && !b.gaveUp && !due.includes(c)) log("wait", `${c.address}: next repair attempt in ${Math.ceil((b.nextAttemptAt - now) / 1000)}s`);
      }
      if (!due.length) {
        if (!wanted.length) log("ok", "no drift; everything matches the configuration");
        return;
      }
      repairs++;
      for (const c of due) log("repair", `${c.address}: ${describeChange(c)}`);
      plan.changes = plan.changes.filter((c) => c.action === "noop" || due.includes(c));
      const writer = new StateWriter(ws.statePath, state);
      const result = await applyPlan(ws, config, plan, writer, f, stop, (e) => {
        if (e.kind === "complete") log("repaired", `${e.address} (${e.action}, ${e.elapsedMs} ms)`);
      });
      for (const x of result.failed) {
        failures++;
        const b = backoff.get(x.address) ?? { failures: 0, nextAttemptAt: 0, lastError: "", gaveUp: false };
        b.failures++;
        b.lastError = x.error;
        const delay = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (b.failures - 1));
        b.nextAttemptAt = Date.now() + delay;
        if (b.failures >= settings.maxRetries) {
          b.gaveUp = true;
          log("give-up", `${x.address}: repair failed ${b.failures} times; no more attempts until gantry restarts or the configuration changes. Last error: ${x.error.split("\n")[0]}`);
        } else log("failed", `${x.address}: ${x.error.split("\n")[0]} (attempt ${b.failures} of ${settings.maxRetries}; next in ${Math.round(delay / 1000)}s)`);
        backoff.set(x.address, b);
      }
      for (const a of result.skipped) log("skipped", `${a}: a repair it depends on failed`);
      for (const c of due) if (!result.failed.some((x) => x.address === c.address) && !result.skipped.includes(c.address)) backoff.delete(c.address);
    } catch (e) {
      if (e instanceof GantryError) log("error", e.diagnostics.map((d) => d.summary).join("; "));
      else log("error", (e as Error).message);
    } finally {
      lock?.release();
    }
  };
  while (!stop.aborted) {
    rounds++;
    await round();
    if (!settings.watch || (settings.rounds !== undefined && rounds >= settings.rounds) || stop.aborted) break;
    await delay(settings.intervalMs, undefined, { signal: stop }).catch(() => undefined);
  }
  log("stop", `stopped after ${rounds} round(s): ${repairs} with repairs, ${failures} failed repair(s); the state is unlocked`);
  return { rounds, repairs, failures };
}
