// Runs a scenario of scenarios.json against gantry's stack service (the
// StackOperations interface and its store) and observes, after each step,
// what the recorder observes in the real Heat: the same RecordedStep shape,
// normalised the same way, so scenario-comparison.ts can compare the two.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { HeatError } from "../../stacks/heat-error.js";
import type { Caller, StackActionName, StackOperations } from "../../stacks/stack-operations.js";
import type { StackRecord, StackSource } from "../../stacks/stack-records.js";
import { stackParameterTexts } from "../../stacks/stack-parameters.js";
import {
  abandonSummary,
  normaliseText,
  normaliseValue,
  type RecordedResource,
  type RecordedStep,
  type RecordedValue,
  type Scenario,
  type ScenarioStep,
  type SourceRef,
  shapeOf,
} from "./scenario-records.js";

const CALLER: Caller = {
  id: "heat-scenarios",
  tenant: "admin",
  roles: ["admin"],
  createdAt: new Date(0).toISOString(),
};
const WAIT_POLL_MS = 20;
const WAIT_LIMIT_MS = 120_000;

export class GantryScenarioRunner {
  constructor(
    private readonly service: StackOperations,
    /** The peer folder (absolute) that the scenarios' file names are relative to. */
    private readonly peerDir: string,
  ) {}

  async run(scenario: Scenario): Promise<RecordedStep[]> {
    const names = [`g-${scenario.name.replace(/[^A-Za-z0-9]+/g, "-")}`];
    let abandoned: Record<string, unknown> | undefined;
    const seen = {
      ids: new Map<string, string>(),
      firstSeen: new Map<string, number>(),
      outputs: new Map<string, unknown>(),
      attributes: new Map<string, unknown>(),
      events: new Set<string>(),
    };
    let stack: StackRecord | undefined;
    const steps: RecordedStep[] = [];
    for (const [index, step] of scenario.steps.entries()) {
      const done: RecordedStep = { op: step.op };
      try {
        if (step.op === "create") {
          stack = await this.service.create(CALLER, {
            name: names[0] as string,
            source: this.source(step),
            disableRollback: step.disableRollback ?? true,
            timeoutMins: step.timeoutMins,
          });
        } else if (step.op === "adopt") {
          const data = adoptDataOf(step, abandoned);
          names.push(`${names[0]}-adopted${names.length}`);
          const files = this.files(step);
          // CreateStackRequest has no adopt data yet: the stack service must take Heat's adopt_stack_data.
          const req = {
            name: names[names.length - 1] as string,
            source: {
              template: (data.template ?? {}) as Record<string, unknown>,
              environments: data.environment ? [data.environment as Record<string, unknown>] : [],
              files,
              parameters: step.parameters ?? {},
            },
            disableRollback: step.disableRollback ?? true,
            adoptStackData: data,
          };
          stack = await this.service.create(CALLER, req);
        } else if (!stack) {
          // Create was refused: every later step says so (the comparison then shows where it went wrong).
          done.error = { code: 0, type: "NoStack", message: "no stack: its create was refused" };
        } else if (step.op === "update") {
          const src = this.partialSource(step);
          await this.service.update(CALLER, stack, {
            existing: step.existing ?? false,
            ...src,
            clearParameters: step.clearParameters,
            disableRollback: step.disableRollback ?? true,
            timeoutMins: step.timeoutMins,
          });
        } else if (step.op === "preview_update") {
          const preview = await this.service.previewUpdate(CALLER, stack, {
            existing: step.existing ?? false,
            ...this.partialSource(step),
            clearParameters: step.clearParameters,
            disableRollback: step.disableRollback ?? true,
          });
          done.preview = {
            unchanged: preview.unchanged.map((r) => r.name).sort(),
            updated: preview.updated.map((r) => r.name).sort(),
            replaced: preview.replaced.map((r) => r.name).sort(),
            added: preview.added.map((r) => r.name).sort(),
            deleted: preview.deleted.map((r) => r.name).sort(),
          };
        } else if (step.op === "abandon") {
          abandoned = await this.service.abandon(CALLER, stack);
          done.abandoned = abandonSummary(abandoned, names);
        } else if (step.op === "delete") {
          await this.service.delete(CALLER, stack);
        } else if (step.op === "action") {
          await this.service.action(CALLER, stack, step.action as StackActionName);
        }
      } catch (e) {
        if (!(e instanceof HeatError)) throw e;
        done.error = { code: e.code, type: e.type, message: normaliseText(e.message, names) };
      }
      if (!stack) {
        steps.push(done);
        continue;
      }
      const waits = {
        ...Object.fromEntries((step.waitForResources ?? []).map((n) => [n, "COMPLETE"])),
        ...(step.waitForResourceStatus ?? {}),
      };
      if (Object.keys(waits).length) await this.untilResources(stack.id, waits, scenario.nestedDepth ?? 2);
      else if (step.op === "action") await this.settled(stack);
      else await this.service.idle(stack.id);
      const now = await this.service.store.getStack(stack.id);
      Object.assign(done, await this.observe(scenario, names, now, index, seen));
      if (now) stack = now;
      steps.push(done);
    }
    return steps;
  }

  /**
   * After an action, as the recorder waits for Heat: until the stack's status moved on and is no longer in progress,
   * or its work ended. (A cancel without rollback marks the stack FAILED at once while the resources in progress
   * go on: Heat's stack is looked at then.)
   */
  private async settled(before: StackRecord): Promise<void> {
    let idle = false;
    const work = this.service.idle(before.id).then(() => {
      idle = true;
    });
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!idle && Date.now() < deadline) {
      const s = await this.service.store.getStack(before.id);
      const moved =
        !s ||
        s.updatedAt !== before.updatedAt ||
        s.action !== before.action ||
        s.status !== before.status ||
        s.statusReason !== before.statusReason;
      if (moved && s?.status !== "IN_PROGRESS") return;
      await Promise.race([work, new Promise((r) => setTimeout(r, WAIT_POLL_MS))]);
    }
  }

  /** Waits (polling the store) until the resources ("parent/child" for nested ones) have the statuses. */
  private async untilResources(stackId: string, want: Record<string, string>, depth: number): Promise<void> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const statuses = new Map<string, string>();
      const walk = async (id: string, d: number, prefix: string) => {
        for (const r of await this.service.store.listResources(id)) {
          statuses.set(prefix + r.name, `${r.action}_${r.status}`);
          if (r.nestedStackId && d > 0) await walk(r.nestedStackId, d - 1, `${prefix}${r.name}/`);
        }
      };
      await walk(stackId, depth, "");
      // "COMPLETE": created or updated.
      const reached = ([n, status]: [string, string]) => {
        const s = statuses.get(n) ?? "";
        return status === "COMPLETE" ? /^(CREATE|UPDATE)_COMPLETE$/.test(s) : s === status;
      };
      if (Object.entries(want).every(reached)) return;
      if (Date.now() > deadline) return; // the comparison reports the statuses they have
      await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    }
  }

  private async observe(
    scenario: Scenario,
    names: string[],
    stack: StackRecord | undefined,
    step: number,
    seen: {
      ids: Map<string, string>;
      firstSeen: Map<string, number>;
      outputs: Map<string, unknown>;
      attributes: Map<string, unknown>;
      events: Set<string>;
    },
  ): Promise<Omit<RecordedStep, "op">> {
    const store = this.service.store;
    // After delete Heat still shows the stack (DELETE_COMPLETE); after abandon it is gone.
    const gone = !stack || (stack.action === "DELETE" && stack.status === "COMPLETE");
    const listed: { path: string; type: string; status: string; physicalId: string }[] = [];
    const walk = async (stackId: string, depth: number, prefix: string) => {
      for (const r of await store.listResources(stackId)) {
        listed.push({
          path: prefix + r.name,
          type: r.type,
          status: `${r.action}_${r.status}`,
          physicalId: r.physicalId,
        });
        if (r.nestedStackId && depth > 0) await walk(r.nestedStackId, depth - 1, `${prefix}${r.name}/`);
      }
    };
    if (stack && !gone) await walk(stack.id, scenario.nestedDepth ?? 2, "");
    const resources: RecordedResource[] = listed.map((r) => {
      const prev = seen.ids.get(r.path);
      const physicalId =
        r.physicalId === "" ? "none" : !prev ? "new" : prev === r.physicalId ? "kept" : ("changed" as const);
      if (r.physicalId !== "" && !seen.firstSeen.has(r.physicalId)) seen.firstSeen.set(r.physicalId, step);
      const out: RecordedResource = { name: r.path, type: r.type, status: r.status, physicalId };
      if (r.physicalId !== "") out.idFirstSeenAtStep = seen.firstSeen.get(r.physicalId);
      return out;
    });
    seen.ids = new Map(listed.map((r) => [r.path, r.physicalId]));

    const random = new Set(scenario.steps[step]?.randomOutputs ?? scenario.randomOutputs ?? []);
    const outputs: Record<string, RecordedValue> = {};
    const computed = !stack || gone ? [] : await this.service.outputs(stack);
    for (const o of computed) {
      const v: RecordedValue = random.has(o.key)
        ? { shape: shapeOf(o.value) }
        : { value: normaliseValue(o.value ?? null, names) };
      if (seen.outputs.has(o.key))
        v.sameAsPreviousStep = JSON.stringify(seen.outputs.get(o.key)) === JSON.stringify(o.value ?? null);
      if (o.error) v.error = normaliseText(o.error, names);
      outputs[o.key] = v;
    }
    seen.outputs = new Map(computed.map((o) => [o.key, o.value ?? null]));
    const byValue = new Map<string, string[]>();
    for (const o of computed) {
      if (o.value === null || o.value === undefined) continue;
      const k = JSON.stringify(o.value);
      byValue.set(k, [...(byValue.get(k) ?? []), o.key]);
    }
    const equalOutputs = [...byValue.values()].filter((g) => g.length > 1).map((g) => g.sort());

    const attributes: Record<string, RecordedValue> = {};
    for (const [resource, attribute] of scenario.watchAttributes ?? []) {
      const r = !stack || gone ? undefined : await store.getResource(stack.id, resource);
      const value = r?.attributes[attribute];
      const k = `${resource}.${attribute}`;
      const rec: RecordedValue = random.has(k) ? { shape: shapeOf(value) } : { value: normaliseValue(value, names) };
      if (seen.attributes.has(k))
        rec.sameAsPreviousStep = JSON.stringify(seen.attributes.get(k)) === JSON.stringify(value);
      seen.attributes.set(k, value);
      attributes[k] = rec;
    }
    // the stack's parameters as the API shows them (Heat's stack.parameters)
    const resolved = stack ? stackParameterTexts(stack) : undefined;
    const parameters: Record<string, unknown> = {};
    for (const p of scenario.watchParameters ?? []) parameters[p] = resolved?.[p];

    const events = (stack ? await store.listEvents({ stackId: stack.id, sortDir: "asc" }) : [])
      .filter((e) => !seen.events.has(e.id))
      .map((e) => {
        seen.events.add(e.id);
        const who = names.includes(e.resourceName) ? "<stack>" : e.resourceName;
        return [who, `${e.action}_${e.status}`, normaliseText(e.reason, names)] as [string, string, string];
      });

    return {
      stack: stack
        ? { status: `${stack.action}_${stack.status}`, reason: normaliseText(stack.statusReason, names) }
        : { status: "DELETE_COMPLETE", reason: "(stack gone)" },
      resources: resources.sort((a, b) => a.name.localeCompare(b.name)),
      outputs,
      ...(equalOutputs.length ? { equalOutputs } : {}),
      ...(scenario.watchAttributes ? { attributes } : {}),
      ...(scenario.watchParameters ? { parameters } : {}),
      events,
    };
  }

  // ---- sources, as the API would hand them over ----

  private text(ref: SourceRef): string {
    return typeof ref === "string" ? readFileSync(join(this.peerDir, ref), "utf8") : JSON.stringify(ref);
  }

  private parsed(ref: SourceRef): Record<string, unknown> {
    return typeof ref === "string" ? ((parseYaml(this.text(ref)) ?? {}) as Record<string, unknown>) : ref;
  }

  private files(step: ScenarioStep): Record<string, string> {
    return Object.fromEntries(Object.entries(step.files ?? {}).map(([k, v]) => [k, this.text(v)]));
  }

  /** Heat's environment_files (from `files`, in order), then the request's environment. */
  private environments(step: ScenarioStep, files: Record<string, string>): Record<string, unknown>[] {
    const fromFiles = (step.environmentFiles ?? []).map(
      (f) => (parseYaml(files[f] ?? "") ?? {}) as Record<string, unknown>,
    );
    return step.environment === undefined ? fromFiles : [...fromFiles, this.parsed(step.environment)];
  }

  private source(step: ScenarioStep): StackSource {
    const files = this.files(step);
    return {
      template: step.template === undefined ? {} : this.parsed(step.template),
      environments: this.environments(step, files),
      files,
      parameters: step.parameters ?? {},
    };
  }

  /** An update's source: with PATCH only what the step gives. */
  private partialSource(step: ScenarioStep) {
    const files = this.files(step);
    const given = step.environment !== undefined || step.environmentFiles !== undefined;
    return {
      template: step.template === undefined ? undefined : this.parsed(step.template),
      environments: !step.existing || given ? this.environments(step, files) : undefined,
      files: !step.existing || step.files !== undefined ? files : undefined,
      parameters: step.parameters ?? {},
    };
  }
}

/** The adopt data of a step: inline, the last abandon's, or one nested stack of it ("abandoned.resources.X"). */
function adoptDataOf(step: ScenarioStep, abandoned: Record<string, unknown> | undefined): Record<string, unknown> {
  if (step.adoptData) return step.adoptData;
  if (step.adoptFrom === "abandoned" && abandoned) return abandoned;
  const nested = /^abandoned\.resources\.(.+)$/.exec(step.adoptFrom ?? "");
  if (nested && abandoned) {
    const all = abandoned.resources as Record<string, Record<string, unknown>> | undefined;
    const n = all?.[nested[1] as string] ?? {};
    return { template: n.template, resources: n.resources, environment: { parameters: {} } };
  }
  throw new Error("an adopt step needs adoptData, or adoptFrom after an abandon");
}
