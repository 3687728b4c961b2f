// file: a file on a host, with literal content or content rendered from a
// template in the configuration directory.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { isUnknown, UNKNOWN, type Attrs, type Value } from "../../contract/values.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { isUnset, optString, reqString } from "./attrs.js";
import { recordWhatWasThere, restoreWhatWasThere } from "./file-takeover.js";
import { hostBound, hostDriverOf, sameHostObject } from "./host-bound.js";
import { renderTemplate } from "./template-render.js";

const MODE = /^0?[0-7]{3,4}$/;

/** "644" / "0644" / "00644" → "0644". */
export function normalizeMode(mode: string): string {
  return (parseInt(mode, 8) & 0o7777).toString(8).padStart(4, "0");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export const fileType: ResourceType = hostBound({
  name: "gantry_file",
  description: "A file on a host: literal content, or a template from the configuration directory rendered with vars.",
  // a file is its path on its host: a replacement at the same path is the same object
  sameObject: (a, b) => sameHostObject(a, b, ["path"]),
  schema: {
    path: {
      kind: "string",
      description: "Absolute host path, e.g. /etc/zookeeper/zoo.cfg.",
      required: true,
      forceNew: true,
    },
    content: {
      kind: "string",
      description: "File content (exactly one of content and template). With template, the rendered text.",
      optional: true,
      computed: true,
    },
    template: {
      kind: "string",
      description: "Template path relative to the configuration directory; ${name} placeholders are filled from vars.",
    },
    vars: { kind: "map", description: "Values for the template's placeholders." },
    mode: { kind: "string", description: "Octal permission bits.", default: "0644" },
    sha256: { kind: "string", description: "SHA-256 of the content as on the host.", computed: true },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const hasContent = !isUnset(config.content);
    const hasTemplate = !isUnset(config.template);
    if (hasContent && hasTemplate)
      errs.push({ attribute: "template", message: "set either content or template, not both" });
    if (!hasContent && !hasTemplate) errs.push({ attribute: "", message: "one of content or template must be set" });
    if (!isUnset(config.vars) && !hasTemplate)
      errs.push({ attribute: "vars", message: "vars is used only with template" });
    const mode = config.mode;
    if (typeof mode === "string" && !MODE.test(mode))
      errs.push({ attribute: "mode", message: `must be an octal mode such as "0644" (got "${mode}")` });
    const path = config.path;
    if (typeof path === "string" && !path.startsWith("/"))
      errs.push({ attribute: "path", message: `must be an absolute host path (got "${path}")` });
    return errs;
  },

  planChange(_prior, config, info) {
    const planned: Attrs = { ...config };
    if (typeof config.mode === "string" && MODE.test(config.mode)) planned.mode = normalizeMode(config.mode);
    const template = config.template;
    if (isUnknown(template)) {
      planned.content = UNKNOWN;
    } else if (typeof template === "string") {
      const file = isAbsolute(template) ? template : resolve(info.configDir, template);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        throw new Error(`template ${template}: cannot read ${file}: ${(e as Error).message}`);
      }
      const vars = config.vars;
      if (isUnknown(vars)) planned.content = UNKNOWN;
      else if (!isUnset(vars) && (typeof vars !== "object" || Array.isArray(vars)))
        throw new Error(`vars must be a map`);
      else planned.content = renderTemplate(text, (vars ?? {}) as Record<string, Value>, template);
    }
    // sha256 follows content: known when content is known.
    const content = planned.content;
    planned.sha256 = typeof content === "string" ? sha256(content) : UNKNOWN;
    return { planned };
  },

  async create(ctx, planned) {
    // on a real machine, a file that was already there (a package's default configuration) is kept aside
    await recordWhatWasThere(hostDriverOf(ctx, planned), reqString(planned, "path"));
    return await writeIt(ctx, planned);
  },

  // The id is the file's absolute path on the host named by the resource's configured `host`; template and vars
  // (which exist only in configuration) are taken from it too.
  async import(ctx, id, config) {
    if (!id.startsWith("/")) throw new Error(`the import id of gantry_file is the file's absolute path, got "${id}"`);
    const found = await fileType.read(ctx, {
      host: config.host ?? null,
      path: id,
      template: config.template ?? null,
      vars: config.vars ?? null,
      mode: null,
    });
    return found && { content: null, sha256: null, ...found };
  },

  async read(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const path = reqString(prior, "path");
    const content = await driver.readFile(path);
    if (content === null) return null;
    const st = await driver.statFile(path);
    return {
      ...prior,
      content,
      mode: st ? st.mode.toString(8).padStart(4, "0") : (prior.mode ?? null),
      sha256: sha256(content),
    };
  },

  async update(ctx, _prior, planned) {
    return await writeIt(ctx, planned);
  },

  async delete(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const path = reqString(prior, "path");
    if (!(await restoreWhatWasThere(driver, path))) await driver.removeFile(path);
  },
});

async function writeIt(ctx: OperationContext, planned: Attrs): Promise<Attrs> {
  const driver = hostDriverOf(ctx, planned);
  const path = reqString(planned, "path");
  const content = optString(planned, "content");
  if (content === undefined) throw new Error(`file ${path}: no content (set content or template)`);
  const mode = normalizeMode(optString(planned, "mode") ?? "0644");
  await driver.writeFile(path, content, parseInt(mode, 8));
  return { ...planned, content, mode, sha256: sha256(content) };
}
