// A dynamic provider written as a Pulumi user writes one, managing a file: `path` forces replacement, `content`
// updates in place; configure() reads the stack config. serializedFileProvider() makes its `__provider` input as
// pulumi.dynamic.Resource does (runtime.serializeFunction(() => provider, { allowSecrets: true })).
import * as pulumi from "@pulumi/pulumi";

export const fileProvider = {
  prefix: "",
  token: "",
  async configure(req: any) {
    this.prefix = req.config.require("prefix");
    this.token = req.config.get("lab:token") ?? "";
  },
  async check(_olds: any, news: any) {
    const failures = [];
    if (typeof news.path !== "string" || !news.path) failures.push({ property: "path", reason: "path is required" });
    return { inputs: { ...news, mode: news.mode ?? "0644" }, failures };
  },
  async diff(_id: string, olds: any, news: any) {
    const replaces = olds.path !== news.path ? ["path"] : [];
    return { changes: olds.path !== news.path || olds.content !== news.content, replaces, deleteBeforeReplace: true };
  },
  async create(inputs: any) {
    const fs = require("node:fs");
    if (inputs.content === "explode") {
      fs.writeFileSync(inputs.path, "half");
      throw Object.assign(new Error("file written but not ready"), {
        id: inputs.path,
        properties: { path: inputs.path, content: "half" },
        reasons: ["not ready"],
      });
    }
    fs.writeFileSync(inputs.path, this.prefix + inputs.content);
    console.log(`created ${inputs.path}`);
    return { id: inputs.path, outs: { ...inputs, size: inputs.content.length, tokenSeen: this.token.length } };
  },
  async read(id: string, props: any) {
    const fs = require("node:fs");
    if (!fs.existsSync(id)) return { id: "", props: {} };
    const text = fs.readFileSync(id, "utf8");
    return { id, props: { ...props, content: text.slice(this.prefix.length), size: text.length - this.prefix.length } };
  },
  async update(_id: string, _olds: any, news: any) {
    require("node:fs").writeFileSync(news.path, this.prefix + news.content);
    return { outs: { ...news, size: news.content.length, tokenSeen: this.token.length } };
  },
  async delete(id: string) {
    require("node:fs").unlinkSync(id);
  },
};

export async function serializedFileProvider(): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => fileProvider, { allowSecrets: true });
  if (sf.exportName !== "handler") throw new Error(`serialized provider exports ${sf.exportName}`);
  return sf.text;
}
