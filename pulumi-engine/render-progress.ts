// Renders a Pulumi operation's events as `pulumi preview|up|destroy` prints them without a terminal: one line per
// step (`+ create`, `~ update`, `+- replace`, `- delete`) with its property diffs, the program's messages and
// errors as diagnostics, the stack's outputs, and the summary (`Resources: + 2 to create …`). With json, one JSON
// document at the end instead (steps, outputs, changeSummary), as `--json` does.

import type { PropertyDiff, PulumiEvent, StepOp } from "./pulumi-events.js";
import { displayValue, plainOutput, type WireObject } from "./wire-values.js";

const SYMBOL: Record<StepOp, string> = {
  create: "+ ",
  update: "~ ",
  replace: "+-",
  delete: "- ",
  same: "  ",
  read: "> ",
};
const PAST: Record<StepOp, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  same: "unchanged",
  read: "read",
};
const PRESENT: Record<StepOp, string> = {
  create: "creating",
  update: "updating",
  replace: "replacing",
  delete: "deleting",
  same: "",
  read: "reading",
};
/** The heading: [update, destroy] when running, then when previewing. */
const BEGIN = [
  ["Updating", "Destroying"],
  ["Previewing update", "Previewing destroy"],
];
const REFRESH = ["Refreshing", "Previewing refresh"];
const DIFF_SYMBOL: Record<PropertyDiff["kind"], string> = { add: "+", update: "~", delete: "-" };

export class PulumiProgressRenderer {
  private readonly diagnostics = new Map<string, string[]>();
  private readonly started = new Map<string, number>();
  private readonly steps: object[] = [];
  private outputs: WireObject = {};

  constructor(
    private readonly out: (text: string) => void,
    private readonly json = false,
  ) {}

  private line(text: string): void {
    if (!this.json) this.out(text);
  }

  handle = (e: PulumiEvent): void => {
    switch (e.type) {
      case "begin":
        this.line(
          `${e.refresh ? REFRESH[e.dryRun ? 1 : 0] : BEGIN[e.dryRun ? 1 : 0][e.destroy ? 1 : 0]} (${e.stack}):`,
        );
        return;
      case "step":
        this.step(e);
        return;
      case "log": {
        const who = e.urn ? e.urn.split("::").slice(2).join(" ") : "";
        if (e.severity === "debug") return;
        if (e.severity === "info" && e.urn) {
          this.line(`    ${who}  ${e.message}`);
          return;
        }
        const key = who ? `${who.replace(" ", " (")})` : "";
        const list = this.diagnostics.get(key) ?? [];
        list.push(`${e.severity}: ${e.message}`);
        this.diagnostics.set(key, list);
        if (e.severity === "info") this.line(`    ${e.message}`);
        return;
      }
      case "outputs":
        this.outputs = e.outputs;
        return;
      case "summary":
        this.summary(e);
        return;
    }
  };

  private step(e: Extract<PulumiEvent, { type: "step" }>): void {
    const head = ` ${SYMBOL[e.op]} ${"   ".repeat(Math.max(0, e.depth - 1))}${e.resourceType} ${e.name}`;
    const diffNote = e.diffs.length ? ` [diff: ${e.diffs.map((d) => `${DIFF_SYMBOL[d.kind]}${d.key}`).join(",")}]` : "";
    if (e.phase === "failed") {
      this.line(`${head} ${PRESENT[e.op]} failed error: ${e.error ?? ""}`);
      const key = `${e.resourceType} (${e.name})`;
      const list = this.diagnostics.get(key) ?? [];
      list.push(`error: ${e.error ?? "failed"}`);
      this.diagnostics.set(key, list);
      return;
    }
    if (e.op === "same") {
      if (e.phase === "planned" && e.depth === 0) this.line(`    ${e.resourceType} ${e.name}`);
      return;
    }
    if (e.phase === "planned") {
      this.line(`${head} ${e.op}${diffNote}`);
      this.diffLines(e.diffs, e.replaces ?? []);
      this.steps.push({ op: e.op, urn: e.urn, ...(e.diffs.length ? { diffs: e.diffs.map((d) => d.key) } : {}) });
    } else if (e.phase === "start") {
      this.started.set(e.urn, Date.now());
      this.line(`${head} ${PRESENT[e.op]}${diffNote}`);
      this.diffLines(e.diffs, e.replaces ?? []);
    } else {
      const secs = (Date.now() - (this.started.get(e.urn) ?? Date.now())) / 1000;
      this.line(`${head} ${PAST[e.op]} (${secs.toFixed(secs < 10 ? 2 : 0)}s)${diffNote}`);
      this.steps.push({ op: e.op, urn: e.urn, ...(e.diffs.length ? { diffs: e.diffs.map((d) => d.key) } : {}) });
    }
  }

  private diffLines(diffs: PropertyDiff[], replaces: string[]): void {
    for (const d of diffs) {
      const value =
        d.kind === "update"
          ? `${displayValue(d.old)} => ${displayValue(d.new)}`
          : displayValue(d.kind === "add" ? d.new : d.old);
      this.line(`      ${DIFF_SYMBOL[d.kind]} ${d.key}: ${value}${replaces.includes(d.key) ? " (replaces)" : ""}`);
    }
  }

  private summary(e: Extract<PulumiEvent, { type: "summary" }>): void {
    if (this.json) {
      const changeSummary = Object.fromEntries(Object.entries(e.counts).filter(([, n]) => n > 0));
      const doc = {
        steps: this.steps,
        outputs: plainOutput(this.outputs, false),
        changeSummary,
        ...(e.ok ? {} : { diagnostics: [...this.diagnostics.values()].flat() }),
        duration: e.ms * 1_000_000,
      };
      this.out(JSON.stringify(doc, null, 4));
      return;
    }
    this.line("");
    if (this.diagnostics.size) {
      this.line("Diagnostics:");
      for (const [who, lines] of this.diagnostics) {
        this.line(`  ${who || "gantry"}:`);
        for (const l of lines) this.line(`    ${l.replace(/\n/g, "\n    ")}`);
        this.line("");
      }
    }
    const names = Object.keys(this.outputs).sort();
    if (e.ok && names.length) {
      const width = Math.max(...names.map((n) => n.length));
      this.line("Outputs:");
      for (const n of names) this.line(`    ${n.padEnd(width)}: ${displayValue(this.outputs[n])}`);
      this.line("");
    }
    this.line("Resources:");
    const verb = (op: StepOp) => (e.dryRun ? `to ${op}` : PAST[op]);
    let any = false;
    for (const op of ["create", "update", "replace", "delete"] as const) {
      if (!e.counts[op]) continue;
      any = true;
      this.line(`    ${SYMBOL[op] === "+-" ? "+-" : SYMBOL[op]}${e.counts[op]} ${verb(op)}`);
    }
    if (e.counts.same) this.line(`    ${e.counts.same} unchanged`);
    else if (!any) this.line("    no changes");
    this.line("");
    if (!e.dryRun) this.line(`Duration: ${Math.max(1, Math.round(e.ms / 1000))}s`);
  }
}

/** `pulumi stack output` as printed: a table of names and values (secrets as [secret] unless shown). */
export function renderStackOutputs(outputs: WireObject, showSecrets: boolean): string {
  const names = Object.keys(outputs).sort();
  if (!names.length) return "Current stack outputs (0):\n    No output values currently in this stack\n";
  const text = (n: string) => {
    const v = plainOutput(outputs[n], showSecrets);
    return typeof v === "string" ? v : JSON.stringify(v);
  };
  const width = Math.max("OUTPUT".length, ...names.map((n) => n.length));
  const rows = names.map((n) => `    ${n.padEnd(width)}  ${text(n)}`);
  return `Current stack outputs (${names.length}):\n    ${"OUTPUT".padEnd(width)}  VALUE\n${rows.join("\n")}\n`;
}

/** `pulumi stack output --json`: the outputs (or one) as indented JSON. */
export function stackOutputsJson(outputs: WireObject, showSecrets: boolean, name?: string): string {
  const v = plainOutput(name === undefined ? outputs : (outputs[name] ?? null), showSecrets);
  return `${JSON.stringify(v, null, 2)}\n`;
}
