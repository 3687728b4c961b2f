// Writes a small Pulumi program into a temporary directory that resolves @pulumi/pulumi from gantry's own
// node_modules, as a user's program resolves it from theirs.

import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const NODE_MODULES = new URL("../../node_modules", import.meta.url).pathname;

/** A program directory: Pulumi.yaml (project `name`), package.json and the given files. */
export function programDir(name: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-"));
  symlinkSync(NODE_MODULES, join(dir, "node_modules"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/**
 * A dynamic provider that keeps a file (the `path` input, `content` written to it): a change of path replaces it,
 * of content updates it in place. The class is `FileRes`.
 */
export const FILE_PROVIDER = `
const pulumi = require("@pulumi/pulumi");
const fileProvider = {
  async create(inputs) {
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
