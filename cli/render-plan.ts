// Human-readable plan output, as Terraform users read it: + create,
// ~ update in place, -/+ replace, - destroy, with (known after apply).

import type { DriftEntry, OutputChange, ResourceChange } from "../planner/changes.js";
import { changeSummary } from "../planner/changes.js";
import type { Plan } from "../planner/plan.js";
import { deepEqual, isUnknown, type Attrs, type Value } from "../contract/values.js";
import { diffLines } from "diff";
import { renderHostLimitations } from "./render-host-limitations.js";
import { limitationsOfChanges } from "../engine/host-limitation-groups.js";
import { limitationSentence } from "../contract/host-limitation.js";
import type { Style } from "./style.js";
import { shownOutputChanges } from "./shown-outputs.js";

/** A multi-line string change as a line diff: changed lines with one line of context. */
function lineDiff(before: string, after: string, indent: string, s: Style): string {
  const out: string[] = ["<<-EOT"];
  const parts = diffLines(before, after);
  parts.forEach((p, i) => {
    const lines = p.value.replace(/\n$/, "").split("\n");
    if (p.added) lines.forEach((l) => out.push(`${indent}${s.green("+")}   ${l}`));
    else if (p.removed) lines.forEach((l) => out.push(`${indent}${s.red("-")}   ${l}`));
    else {
      const keepHead = i > 0 ? 1 : 0;
      const keepTail = i < parts.length - 1 ? 1 : 0;
      if (lines.length <= keepHead + keepTail + 1) lines.forEach((l) => out.push(`${indent}    ${l}`));
      else {
        lines.slice(0, keepHead).forEach((l) => out.push(`${indent}    ${l}`));
        out.push(s.dim(`${indent}    # (${lines.length - keepHead - keepTail} unchanged lines hidden)`));
        lines.slice(lines.length - keepTail).forEach((l) => out.push(`${indent}    ${l}`));
      }
    }
  });
  out.push(`${indent}EOT`);
  return out.join("\n");
}

const multiline = (v: Value | undefined): v is string => typeof v === "string" && v.includes("\n");

export function formatValue(v: Value | undefined, indent: string): string {
  if (v === undefined || v === null) return "null";
  if (isUnknown(v)) return "(known after apply)";
  if (typeof v === "string") {
    if (v.includes("\n") && v.length > 0) {
      const body = v
        .replace(/\n$/, "")
        .split("\n")
        .map((l) => `${indent}    ${l}`)
        .join("\n");
      return `<<-EOT\n${body}\n${indent}EOT`;
    }
    return JSON.stringify(v);
  }
  if (typeof v !== "object") return String(v);
  const oneLine = inline(v);
  if (oneLine.length <= 72) return oneLine;
  if (Array.isArray(v))
    return `[\n${v.map((x) => `${indent}    ${formatValue(x, `${indent}    `)},`).join("\n")}\n${indent}]`;
  const keys = shownKeys(v);
  const w = Math.max(...keys.map((k) => k.length));
  const lines = keys.map((k) => `${indent}    ${k.padEnd(w)} = ${formatValue(v[k], `${indent}    `)}`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** The members of an object value worth showing: as Terraform, members that are null are left out. */
function shownKeys(v: { [k: string]: Value }): string[] {
  return Object.keys(v)
    .filter((k) => v[k] !== null && v[k] !== undefined)
    .sort();
}

function inline(v: Value): string {
  if (isUnknown(v)) return "(known after apply)";
  if (Array.isArray(v)) return `[${v.map(inline).join(", ")}]`;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const keys = shownKeys(v);
  return keys.length ? `{ ${keys.map((k) => `${k} = ${inline(v[k])}`).join(", ")} }` : "{}";
}

const HEADERS: Record<string, (c: ResourceChange) => string> = {
  create: (c) => `will be created`,
  update: (c) => `will be updated in-place`,
  delete: (c) =>
    c.forget
      ? "will no longer be managed by gantry\n  # (lifecycle destroy = false: the object is kept, not destroyed)"
      : c.reason === "no-configuration"
        ? "will be destroyed\n  # (because it is not in the configuration)"
        : c.reason === "index-gone"
          ? "will be destroyed\n  # (because its index is not in the configuration)"
          : c.reason === "deposed"
            ? "(deposed object) will be destroyed"
            : "will be destroyed",
  replace: (c) =>
    c.reason === "tainted"
      ? "is tainted, so must be replaced"
      : c.reason === "replace-requested"
        ? "will be replaced, as requested"
        : c.reason === "replace-triggered"
          ? "will be replaced due to changes in replace_triggered_by"
          : "must be replaced",
  noop: () => "",
  read: () => "will be read during apply\n  # (config refers to values not yet known)",
};

/** `verbose`: what the type cannot do on the host is said under the resource too (otherwise once, grouped, below). */
export function renderChange(c: ResourceChange, s: Style, verbose = false): string {
  const sym =
    c.action === "create"
      ? s.green("+")
      : c.action === "update"
        ? s.yellow("~")
        : c.action === "delete"
          ? s.red("-")
          : c.replaceOrder === "create-before-destroy"
            ? `${s.green("+")}/${s.red("-")}`
            : `${s.red("-")}/${s.green("+")}`;
  const lines: string[] = [];
  const label = `"${c.type}" "${c.name}"`;
  if (c.action === "noop" && c.importing && c.previousAddress === undefined) {
    // an import without a change: Terraform shows the object read, every attribute
    lines.push(s.bold(`  # ${c.address} will be imported`), `    resource ${label} {`);
    const attrs = c.after ?? {};
    const keys = Object.keys(attrs)
      .filter((k) => attrs[k] !== null && attrs[k] !== undefined)
      .sort();
    const w = Math.max(0, ...keys.map((k) => k.length));
    const secret = new Set(c.sensitive ?? []);
    for (const k of keys)
      lines.push(`        ${k.padEnd(w)} = ${secret.has(k) ? "(sensitive value)" : formatValue(attrs[k], "        ")}`);
    lines.push("    }");
    return lines.join("\n");
  }
  if (c.action === "noop") {
    // only a move is shown without a change: Terraform's "has moved to", the object's id, the rest hidden
    lines.push(s.bold(`  # ${c.previousAddress} has moved to ${c.address}`), `    resource ${label} {`);
    const attrs = c.after ?? {};
    if (attrs.id !== undefined) lines.push(`        id = ${formatValue(attrs.id, "        ")}`);
    const hidden = Object.keys(attrs).filter((k) => k !== "id").length;
    if (hidden) lines.push(s.dim(`        # (${hidden} unchanged attribute${hidden === 1 ? "" : "s"} hidden)`));
    lines.push("    }");
    return lines.join("\n");
  }
  lines.push(s.bold(`  # ${c.address} ${HEADERS[c.action](c)}`));
  if (c.previousAddress !== undefined) lines.push(`  # (moved from ${c.previousAddress})`);
  if (c.importing) lines.push(`  # (imported from ${JSON.stringify(c.importing.id)})`);
  if (c.unreachableHost !== undefined)
    lines.push(s.yellow(`  # (host ${c.unreachableHost} is unreachable: this will fail unless it answers again)`));
  if (c.action === "read") lines.push(` <= data ${label} {`);
  else lines.push(`${c.action === "replace" ? sym : ` ${sym}`} resource ${label} {`);
  const before: Attrs = c.before ?? {};
  const after: Attrs = c.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const shown = keys.filter((k) => {
    if (c.action === "create" || c.action === "read") return after[k] !== null && after[k] !== undefined;
    if (c.action === "delete") return before[k] !== null && before[k] !== undefined;
    return true;
  });
  const w = Math.max(0, ...shown.map((k) => k.length));
  let hidden = 0;
  const secret = new Set(c.sensitive ?? []);
  const fmt = (k: string, v: Value | undefined, ind: string) =>
    secret.has(k) && v !== null && v !== undefined ? "(sensitive value)" : formatValue(v, ind);
  for (const k of shown) {
    const name = k.padEnd(w);
    const ind = "        ";
    if (c.action === "create" || c.action === "read")
      lines.push(`      ${s.green("+")} ${name} = ${fmt(k, after[k], ind)}`);
    else if (c.action === "delete") lines.push(`      ${s.red("-")} ${name} = ${fmt(k, before[k], ind)} -> null`);
    else {
      const b = before[k] ?? null;
      const a = after[k] ?? null;
      if (deepEqual(b, a)) {
        hidden++;
        continue;
      }
      const forces = c.requiresReplace.includes(k) ? s.red(" # forces replacement") : "";
      if (b === null) lines.push(`      ${s.green("+")} ${name} = ${fmt(k, a, ind)}${forces}`);
      else if (a === null) lines.push(`      ${s.red("-")} ${name} = ${fmt(k, b, ind)} -> null${forces}`);
      else if (multiline(b) && multiline(a) && !secret.has(k))
        lines.push(`      ${s.yellow("~")} ${name} = ${lineDiff(b, a, ind, s)}${forces}`);
      else lines.push(`      ${s.yellow("~")} ${name} = ${fmt(k, b, ind)} -> ${fmt(k, a, ind)}${forces}`);
    }
  }
  if (hidden) lines.push(s.dim(`        # (${hidden} unchanged attribute${hidden === 1 ? "" : "s"} hidden)`));
  lines.push("    }");
  for (const w2 of c.warnings ?? []) lines.push(s.yellow(`    ! ${w2}`));
  if (verbose) for (const l of c.limitations ?? []) lines.push(s.yellow(`    ! ${limitationSentence(l)}`));
  return lines.join("\n");
}

/** How many addresses of an unreachable host are listed before "and N more". */
const LISTED_ADDRESSES = 6;

/** Hosts that did not answer: which, why, and their resources (unknown, kept in state, not deleted). */
export function renderUnreachable(plan: Plan, s: Style): string {
  const lost = plan.unreachable ?? [];
  const failed = Object.entries(plan.replaceHosts ?? {});
  const out: string[] = [];
  if (failed.length) {
    out.push(s.yellow(s.bold("Hosts marked failed by this plan")), "");
    for (const [host, why] of failed) out.push(s.yellow(`  # host ${host}: ${why}`));
    out.push(
      "",
      "Their nodes are placed again on the remaining hosts under the same policies; they are not used again until " +
        "'gantry host readmit NAME'.",
      "",
    );
  }
  for (const f of plan.forgotten ?? []) {
    const n = f.addresses.length;
    out.push(
      s.yellow(
        `  # host ${f.host} is failed and does not answer (${f.reason}): its ${n} resource${n === 1 ? "" : "s"} ` +
          "are dropped from the state, nothing is destroyed there",
      ),
    );
  }
  if (plan.forgotten?.length) out.push("");
  if (!lost.length) return out.join("\n");
  out.push(s.yellow(s.bold("Hosts that did not answer")), "");
  for (const u of lost) {
    const n = u.addresses.length;
    const listed = u.addresses.slice(0, LISTED_ADDRESSES).join(", ");
    const more = n > LISTED_ADDRESSES ? ` and ${n - LISTED_ADDRESSES} more` : "";
    out.push(
      s.yellow(`  # host ${u.host} is unreachable: ${u.reason}`),
      `    its ${n} resource${n === 1 ? "" : "s"} are unknown (kept in the state as recorded, not deleted): ` +
        `${listed}${more}`,
    );
  }
  out.push(
    "",
    "Resources on other hosts are planned as usual; an operation on an unreachable host fails at apply. To move " +
      "a lost host's cluster instances to the remaining hosts: gantry reconcile, or plan/apply -replace-host NAME.",
    "",
  );
  return out.join("\n");
}

export function renderDrift(drift: DriftEntry[], s: Style): string {
  if (!drift.length) return "";
  const out = [
    s.bold("Objects have changed outside of gantry"),
    "",
    "gantry detected the following changes made outside of gantry since the last apply:",
    "",
  ];
  for (const d of drift) {
    if (d.kind === "deleted") {
      out.push(s.bold(`  # ${d.address} has been deleted`));
      continue;
    }
    out.push(s.bold(`  # ${d.address} has changed`));
    const keys = [...new Set([...Object.keys(d.before), ...Object.keys(d.after ?? {})])].sort();
    for (const k of keys) {
      const b = d.before[k] ?? null;
      const a = d.after?.[k] ?? null;
      if (deepEqual(b, a)) continue;
      if (multiline(b) && multiline(a)) out.push(`      ${s.yellow("~")} ${k} = ${lineDiff(b, a, "        ", s)}`);
      else out.push(`      ${s.yellow("~")} ${k} = ${formatValue(b, "        ")} -> ${formatValue(a, "        ")}`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function renderOutputs(outputs: OutputChange[], s: Style): string {
  const changed = shownOutputChanges(outputs).filter(
    (o) => isUnknown(o.after) || !deepEqual(o.before ?? null, o.after),
  );
  if (!changed.length) return "";
  const w = Math.max(...changed.map((o) => o.name.length));
  const lines = ["Changes to Outputs:"];
  for (const o of changed) {
    const v = (x: Value | undefined) => (o.sensitive ? "(sensitive value)" : formatValue(x, "    "));
    if (o.before === undefined) lines.push(`  ${s.green("+")} ${o.name.padEnd(w)} = ${v(o.after)}`);
    else if (o.after === null) lines.push(`  ${s.red("-")} ${o.name.padEnd(w)} = ${v(o.before)} -> null`);
    else lines.push(`  ${s.yellow("~")} ${o.name.padEnd(w)} = ${v(o.before)} -> ${v(o.after)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderPlan(plan: Plan, s: Style, opts: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  const drift = renderDrift(plan.drift, s);
  if (drift) out.push(drift);
  const lost = renderUnreachable(plan, s);
  if (lost) out.push(lost);
  if (plan.mode === "refresh-only") {
    out.push(
      plan.drift.length
        ? "Applying this refresh-only plan records these changes in the state, and changes nothing else.\n"
        : `${s.green(s.bold("No changes."))} Your infrastructure still matches the state.\n`,
    );
    return out.join("\n");
  }
  const changes = plan.changes.filter((c) => c.action !== "noop" || c.previousAddress !== undefined || c.importing);

  if (!changes.length) {
    const outs = renderOutputs(plan.outputs, s);
    out.push(`${s.green(s.bold("No changes."))} Your infrastructure matches the configuration.\n`);
    if (outs) out.push(outs);
  } else {
    const acting = changes.some((c) => c.action !== "noop");
    if (acting)
      out.push(
        "gantry used the selected providers to generate the following execution plan. Resource actions are " +
          "indicated with the following symbols:",
      );
    const used = new Set(changes.map((c) => (c.action === "replace" ? c.replaceOrder : c.action)));
    if (used.has("create")) out.push(`  ${s.green("+")} create`);
    if (used.has("update")) out.push(`  ${s.yellow("~")} update in-place`);
    if (used.has("delete")) out.push(`  ${s.red("-")} destroy`);
    if (used.has("read")) out.push(" <= read (data resources)");
    if (used.has("destroy-before-create"))
      out.push(`${s.red("-")}/${s.green("+")} destroy and then create replacement`);
    if (used.has("create-before-destroy"))
      out.push(`${s.green("+")}/${s.red("-")} create replacement and then destroy`);
    if (acting) out.push("");
    out.push("gantry will perform the following actions:", "");
    for (const c of changes) out.push(renderChange(c, s, opts.verbose), "");
    for (const r of plan.rolling) {
      const members = r.batches.flat().length;
      const keeps =
        r.kept >= r.minInService
          ? `keeping ${r.minInService} in service`
          : `keeping only ${r.kept} in service while a batch changes (min_in_service ${r.minInService} cannot be met ` +
            `with ${r.members} members)`;
      out.push(
        s.bold(
          `Rolling update of ${r.group}: ${members} member${members === 1 ? "" : "s"} in ${r.batches.length} ` +
            `batch${r.batches.length === 1 ? "" : "es"} of at most ${r.batchSize}, ${keeps}:`,
        ),
      );
      r.batches.forEach((b, i) => out.push(`  batch ${i + 1}: ${b.join(", ")}`));
      out.push("");
    }
    const sum = changeSummary(changes);
    const imported = changes.filter((c) => c.importing).length;
    const importing = imported ? `${imported} to import, ` : "";
    out.push(s.bold(`Plan: ${importing}${sum.add} to add, ${sum.change} to change, ${sum.destroy} to destroy.`));
    const outs = renderOutputs(plan.outputs, s);
    if (outs) out.push("", outs);
  }
  const said: { address: string; message: string }[] = []; // a loop: most changes have none
  for (const c of plan.changes)
    if (c.warnings?.length) for (const message of c.warnings) said.push({ address: c.address, message });
  const limits = limitationsOfChanges(plan.changes);
  out.push(...renderHostLimitations(limits, said, "What gantry cannot do on these hosts:", s, opts.verbose));
  if (plan.targets.length)
    out.push(
      "",
      s.yellow(s.bold("Warning: Resource targeting is in effect")),
      "The plan may be incomplete: it covers only the targeted resources and what they depend on.",
    );
  return `${out.join("\n")}\n`;
}
