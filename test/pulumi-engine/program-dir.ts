// Writes a small Pulumi program into a temporary directory that resolves @pulumi/pulumi from gantry's own
// node_modules, as a user's program resolves it from theirs.

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import type { PulumiEvent } from "../../pulumi-engine/pulumi-events.js";
import {
  destroyPulumiStack,
  type PulumiOutcome,
  refreshPulumiStack,
  runPulumiProgram,
} from "../../pulumi-engine/pulumi-operation.js";

const NODE_MODULES = new URL("../../node_modules", import.meta.url).pathname;

/** A program directory: Pulumi.yaml (project `name`), package.json and the given files (in `parent`: ./name). */
export function programDir(name: string, files: Record<string, string>, parent?: string): string {
  const dir = parent ? join(parent, name) : mkdtempSync(join(tmpdir(), "gantry-pulumi-"));
  if (parent) mkdirSync(dir);
  symlinkSync(NODE_MODULES, join(dir, "node_modules"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/**
 * A dynamic provider that keeps a file (the `path` input, `content` written to it): a change of path replaces it,
 * of content updates it in place; read gives the file as it is (gone: no id). Content "FAIL" fails its create.
 * The class is `FileRes`.
 */
export const FILE_PROVIDER = `
const pulumi = require("@pulumi/pulumi");
const fileProvider = {
  async create(inputs) {
    if (inputs.content === "FAIL") throw new Error("refusing to write " + inputs.path);
    require("fs").writeFileSync(inputs.path, inputs.content);
    return { id: inputs.path, outs: { path: inputs.path, content: inputs.content, size: inputs.content.length } };
  },
  async diff(id, olds, news) {
    const replaces = olds.path !== news.path ? ["path"] : [];
    return { changes: olds.content !== news.content || replaces.length > 0, replaces };
  },
  async update(id, olds, news) {
    require("fs").writeFileSync(news.path, news.content);
    return { outs: { path: news.path, content: news.content, size: news.content.length } };
  },
  async read(id, props) {
    const fs = require("fs");
    if (!fs.existsSync(id)) return {};
    const content = fs.readFileSync(id, "utf8");
    return { id, props: { ...props, content, size: content.length } };
  },
  async delete(id, props) {
    require("fs").rmSync(props.path, { force: true });
  },
};
class FileRes extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(fileProvider, name, { size: undefined, ...args }, opts);
  }
}
`;

/** Runs preview or up in process, keeping every event (the program itself runs under the SDK's runner). */
export async function runProgram(
  dir: string,
  kind: "preview" | "up" | "destroy" | "refresh",
  options: { refresh?: boolean; stack?: string; programTimeoutMs?: number } = {},
): Promise<{ outcome: PulumiOutcome; events: PulumiEvent[]; logs: string }> {
  const events: PulumiEvent[] = [];
  const req = { dir, onEvent: (e: PulumiEvent) => events.push(e), env: process.env, ...options };
  const engine = new Engine();
  const outcome =
    kind === "destroy"
      ? await destroyPulumiStack(engine, req)
      : kind === "refresh"
        ? await refreshPulumiStack(engine, req)
        : await runPulumiProgram(engine, req, kind === "preview");
  const logs = events
    .filter((e): e is Extract<PulumiEvent, { type: "log" }> => e.type === "log" && e.severity !== "debug")
    .map((e) => `${e.severity}: ${e.message}`)
    .join("\n");
  return { outcome, events, logs };
}

/** The steps of a run, as "op name" (phase done, or planned in a preview). */
export function steps(events: PulumiEvent[]): string[] {
  return events
    .filter((e): e is Extract<PulumiEvent, { type: "step" }> => e.type === "step")
    .filter((e) => e.phase === "done" || e.phase === "planned")
    .map((e) => `${e.op} ${e.name}`);
}
