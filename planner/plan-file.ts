// Saved plans (`plan -out FILE`): the exact configuration, variables, the
// refreshed prior state and every planned change, so that `apply FILE`
// carries out exactly what was shown, and refuses if state moved on.

import { readFileSync } from "node:fs";
import { GantryError } from "../contract/diagnostics.js";
import type { SourceFile } from "./model.js";
import type { Plan } from "./plan.js";
import type { Expansion } from "./scope.js";
import { deserializeState, serializeState, writeFileAtomic, type State } from "./state.js";
import { reviveUnknowns, type Value } from "../contract/values.js";
import { fullAddress, fullTypeName } from "../contract/type-names.js";

const FORMAT = "gantry-plan";
// 2: deposed objects carried as typed refs ({ address, deposed }), not display addresses
// 3: types and addresses carry the provider prefix ("gantry_noop.a"); version 2 wrote gantry's types short
const VERSION = 3;

export interface SavedPlan {
  plan: Plan;
  configDir: string;
  files: SourceFile[];
  gantryVersion: string;
  /** A plan of a CDKTF app's stack: the app, and the stack's state and working data (not the defaults). */
  cdktfStack?: SavedCdktfStack;
}

export interface SavedCdktfStack {
  /** The app's directory (holding cdktf.json). */
  app: string;
  stack: string;
  statePath: string;
  dataDir: string;
}

export function writePlanFile(path: string, saved: SavedPlan): void {
  const { plan } = saved;
  const body = {
    format: FORMAT,
    version: VERSION,
    gantry_version: saved.gantryVersion,
    config_dir: saved.configDir,
    files: saved.files,
    cdktf_stack: saved.cdktfStack,
    plan: {
      ...plan,
      expansions: [...plan.expansions].map(([k, e]) => [
        k,
        { ...e, eachValues: e.eachValues ? [...e.eachValues] : undefined },
      ]),
      priorState: serializeState(plan.priorState),
    },
  };
  writeFileAtomic(path, `${JSON.stringify(body)}\n`);
}

export function readPlanFile(path: string): SavedPlan {
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new GantryError(`cannot read plan file ${path}: ${(e as Error).message}`);
  }
  if (raw?.format !== FORMAT) throw new GantryError(`${path} is not a gantry plan file`);
  if (raw.version !== VERSION && raw.version !== 2)
    throw new GantryError(`plan file ${path} has format version ${raw.version}; this gantry reads version ${VERSION}`);
  const p = raw.version === 2 ? withFullTypeNames(raw.plan) : raw.plan;
  const plan: Plan = {
    ...p,
    variables: reviveUnknowns(p.variables) as Record<string, Value>,
    changes: reviveUnknowns(p.changes) as unknown as Plan["changes"],
    drift: reviveUnknowns(p.drift) as unknown as Plan["drift"],
    outputs: reviveUnknowns(p.outputs) as unknown as Plan["outputs"],
    expansions: new Map(
      (p.expansions as [string, any][]).map(([k, e]) => [
        k,
        {
          ...e,
          eachValues: e.eachValues
            ? new Map((e.eachValues as [string, unknown][]).map(([ek, ev]) => [ek, reviveUnknowns(ev)]))
            : undefined,
        } as Expansion,
      ]),
    ),
    priorState: deserializeState(p.priorState, `${path} (prior state)`),
  };
  return {
    plan,
    configDir: raw.config_dir,
    files: raw.files,
    gantryVersion: raw.gantry_version,
    cdktfStack: raw.cdktf_stack,
  };
}

interface RawChangeV2 {
  address: string;
  resourceKey: string;
  type: string;
  dependsOn?: string[];
  deposed?: { address: string; deposed: number };
}

interface RawPlanV2 {
  targets?: string[];
  replace?: string[];
  changes: RawChangeV2[];
  drift: { address: string }[];
  expansions: [string, unknown][];
}

/** A version 2 plan (gantry's types written short, "noop.a") with full type names; its prior state maps itself. */
function withFullTypeNames<P extends RawPlanV2>(p: P): P {
  const change = (c: RawChangeV2): RawChangeV2 => ({
    ...c,
    address: fullAddress(c.address),
    resourceKey: fullAddress(c.resourceKey),
    type: fullTypeName(c.type),
    dependsOn: (c.dependsOn ?? []).map(fullAddress),
    ...(c.deposed ? { deposed: { ...c.deposed, address: fullAddress(c.deposed.address) } } : {}),
  });
  return {
    ...p,
    targets: (p.targets ?? []).map(fullAddress),
    replace: (p.replace ?? []).map(fullAddress),
    changes: p.changes.map(change),
    drift: p.drift.map((d) => ({ ...d, address: fullAddress(d.address) })),
    expansions: p.expansions.map(([k, e]) => [fullAddress(k), e]),
  };
}

/** A saved plan may only be applied to the state it was made from. */
export function checkPlanIsCurrent(plan: Plan, state: State, path: string): void {
  if (plan.stateLineage !== state.lineage)
    throw new GantryError({
      severity: "error",
      summary: "Saved plan is for a different state",
      detail:
        `${path} was made for state lineage ${plan.stateLineage}, but the current state has ` +
        `lineage ${state.lineage}. Make a new plan.`,
    });
  if (plan.stateSerial !== state.serial)
    throw new GantryError({
      severity: "error",
      summary: "Saved plan is stale",
      detail:
        `${path} was made against state serial ${plan.stateSerial}, but the state has changed since ` +
        `(serial ${state.serial}). Run plan again.`,
    });
}
