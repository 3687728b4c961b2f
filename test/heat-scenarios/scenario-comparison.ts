// Compares what gantry did in a scenario with what the real Heat did (the
// recording), step by step, and lists every difference in words. What must
// match after each step:
// - a refused request: the HTTP status and Heat's error type and message;
// - an update preview: which resources are unchanged, updated, replaced, added, deleted;
// - the stack's status and reason;
// - the resources (nested ones as "parent/child"): names, types, statuses, and
//   whether each physical id is new, kept or changed, and since which step;
// - the outputs: values (random ones by shape), whether each is the same as
//   after the previous step, output errors, and which outputs are equal (groups in any order);
// - watched attributes and parameters;
// - the events: for each resource (and the stack), its ACTION_STATUS sequence.
//   Events of different resources interleave differently from run to run in
//   Heat itself, so only the order within one resource counts.
// A step marked `compareOnly: "outcome"` (Heat races there) is compared by its outcome only, and one with
// `reasonMatches` by a pattern for the stack's reason.
// A step the recording expects still IN_PROGRESS (Heat's test looks while an
// update runs) is compared only by its status and the resources it waited for,
// and its events are compared together with the next step's.

import { isDeepStrictEqual } from "node:util";
import type { RecordedStep, RecordedValue, Recording, Scenario } from "./scenario-records.js";

/** Differences between the recording and gantry's run; empty when they agree. */
export function compareScenario(scenario: Scenario, heat: Recording, gantry: RecordedStep[]): string[] {
  const diffs: string[] = [];
  if (gantry.length !== heat.steps.length) {
    diffs.push(`Heat ran ${heat.steps.length} steps, gantry ${gantry.length}`);
  }
  let carriedHeat: NonNullable<RecordedStep["events"]> = [];
  let carriedGantry: NonNullable<RecordedStep["events"]> = [];
  const n = Math.min(gantry.length, heat.steps.length);
  for (let i = 0; i < n; i++) {
    const def = scenario.steps[i];
    const h = heat.steps[i];
    const g = gantry[i];
    const at = (what: string) => `step ${i + 1} (${h.op}): ${what}`;
    const inProgress = def?.expect?.endsWith("_IN_PROGRESS") ?? false;

    if (!!h.error !== !!g.error) {
      diffs.push(
        at(
          h.error
            ? `Heat refused it (${describeError(h.error)}), gantry accepted`
            : `gantry refused it (${describeError(g.error)}), Heat accepted`,
        ),
      );
    } else if (h.error && g.error) {
      if (h.error.code !== g.error.code) diffs.push(at(`HTTP ${h.error.code} in Heat, ${g.error.code} in gantry`));
      if (h.error.type !== g.error.type)
        diffs.push(at(`error type ${h.error.type} in Heat, ${g.error.type} in gantry`));
      if (h.error.message !== g.error.message) {
        diffs.push(at(`error message\n    Heat:   ${h.error.message}\n    gantry: ${g.error.message}`));
      }
    }

    if (!isDeepStrictEqual(h.preview, g.preview)) {
      diffs.push(at(`preview ${JSON.stringify(h.preview)} in Heat, ${JSON.stringify(g.preview)} in gantry`));
    }
    if (h.stack?.status !== g.stack?.status)
      diffs.push(at(`stack status ${h.stack?.status} in Heat, ${g.stack?.status} in gantry`));
    if (inProgress) {
      for (const name of def?.waitForResources ?? []) {
        const gr = g.resources?.find((r) => r.name === name);
        if (!gr || !/^(CREATE|UPDATE)_COMPLETE$/.test(gr.status)) {
          diffs.push(
            at(`${name} should be complete while the stack is in progress; gantry: ${gr?.status ?? "absent"}`),
          );
        }
      }
      for (const [name, status] of Object.entries(def?.waitForResourceStatus ?? {})) {
        const gr = g.resources?.find((r) => r.name === name);
        if (gr?.status !== status) diffs.push(at(`${name} should be ${status}; gantry: ${gr?.status ?? "absent"}`));
      }
      carriedHeat = [...carriedHeat, ...(h.events ?? [])];
      carriedGantry = [...carriedGantry, ...(g.events ?? [])];
      continue;
    }
    if (def?.reasonMatches !== undefined) {
      if (!new RegExp(def.reasonMatches).test(g.stack?.reason ?? "")) {
        diffs.push(at(`stack reason should match /${def.reasonMatches}/; gantry: ${g.stack?.reason}`));
      }
    } else if (h.stack?.reason !== g.stack?.reason) {
      diffs.push(at(`stack reason\n    Heat:   ${h.stack?.reason}\n    gantry: ${g.stack?.reason}`));
    }

    if (def?.compareOnly === "outcome") {
      // Heat races here (see the scenario): the outcome only.
      const names = (st: RecordedStep) => JSON.stringify((st.resources ?? []).map((r) => `${r.name} ${r.type}`).sort());
      if (names(h) !== names(g)) diffs.push(at(`resources ${names(h)} in Heat, ${names(g)} in gantry`));
      diffs.push(...compareValues("output", h.outputs ?? {}, g.outputs ?? {}).map(at));
      carriedHeat = [];
      carriedGantry = [];
      continue;
    }
    diffs.push(...compareResources(h, g).map(at));
    diffs.push(...compareValues("output", h.outputs ?? {}, g.outputs ?? {}).map(at));
    const he = groupsText(h.equalOutputs);
    const ge = groupsText(g.equalOutputs);
    if (he !== ge) diffs.push(at(`equal outputs ${he} in Heat, ${ge} in gantry`));
    diffs.push(...compareValues("attribute", h.attributes ?? {}, g.attributes ?? {}).map(at));
    if (!isDeepStrictEqual(h.parameters ?? {}, g.parameters ?? {})) {
      diffs.push(at(`parameters ${JSON.stringify(h.parameters)} in Heat, ${JSON.stringify(g.parameters)} in gantry`));
    }
    const heatEvents = [...carriedHeat, ...(h.events ?? [])];
    const gantryEvents = [...carriedGantry, ...(g.events ?? [])];
    carriedHeat = [];
    carriedGantry = [];
    diffs.push(...compareEvents(heatEvents, gantryEvents, scenario.compareEventReasons ?? false).map(at));
  }
  return diffs;
}

/** Groups of equal outputs as text: the groups in name order (Heat lists outputs in no set order). */
function groupsText(groups: string[][] | undefined): string {
  return JSON.stringify([...(groups ?? [])].map((g) => [...g].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function describeError(e: RecordedStep["error"]): string {
  return e ? `${e.code} ${e.type}: ${e.message}` : "";
}

function compareResources(h: RecordedStep, g: RecordedStep): string[] {
  const diffs: string[] = [];
  const hr = new Map((h.resources ?? []).map((r) => [r.name, r]));
  const gr = new Map((g.resources ?? []).map((r) => [r.name, r]));
  for (const [name, r] of hr) {
    const o = gr.get(name);
    if (!o) {
      diffs.push(`resource ${name} (${r.type}, ${r.status}) missing in gantry`);
      continue;
    }
    if (o.type !== r.type) diffs.push(`resource ${name}: type ${r.type} in Heat, ${o.type} in gantry`);
    if (o.status !== r.status) diffs.push(`resource ${name}: status ${r.status} in Heat, ${o.status} in gantry`);
    if (o.physicalId !== r.physicalId || o.idFirstSeenAtStep !== r.idFirstSeenAtStep) {
      diffs.push(
        `resource ${name}: physical id ${r.physicalId} (since step ${idStep(r.idFirstSeenAtStep)}) in Heat, ` +
          `${o.physicalId} (since step ${idStep(o.idFirstSeenAtStep)}) in gantry`,
      );
    }
  }
  for (const [name, o] of gr) {
    if (!hr.has(name)) diffs.push(`resource ${name} (${o.type}, ${o.status}) in gantry but not in Heat`);
  }
  return diffs;
}

function idStep(step: number | undefined): string {
  return step === undefined ? "-" : String(step + 1);
}

function compareValues(kind: string, h: Record<string, RecordedValue>, g: Record<string, RecordedValue>): string[] {
  const diffs: string[] = [];
  for (const key of new Set([...Object.keys(h), ...Object.keys(g)])) {
    const a = h[key];
    const b = g[key];
    if (!a || !b) {
      diffs.push(`${kind} ${key} ${a ? "missing in gantry" : "in gantry but not in Heat"}`);
      continue;
    }
    if (!isDeepStrictEqual(a, b))
      diffs.push(`${kind} ${key}: ${JSON.stringify(a)} in Heat, ${JSON.stringify(b)} in gantry`);
  }
  return diffs;
}

/** Each resource's (and the stack's) own sequence of events must be the same. */
function compareEvents(
  h: NonNullable<RecordedStep["events"]>,
  g: NonNullable<RecordedStep["events"]>,
  withReasons: boolean,
): string[] {
  const perResource = (events: NonNullable<RecordedStep["events"]>) => {
    const m = new Map<string, string[]>();
    for (const [name, status, reason] of events) {
      m.set(name, [...(m.get(name) ?? []), withReasons ? `${status} (${reason ?? ""})` : status]);
    }
    return m;
  };
  const hm = perResource(h);
  const gm = perResource(g);
  const diffs: string[] = [];
  for (const name of new Set([...hm.keys(), ...gm.keys()])) {
    const a = hm.get(name) ?? [];
    const b = gm.get(name) ?? [];
    if (!isDeepStrictEqual(a, b))
      diffs.push(`events of ${name}: [${a.join(", ")}] in Heat, [${b.join(", ")}] in gantry`);
  }
  return diffs;
}
