// terraform_remote_state (Terraform's built-in data source) with the local
// backend: the root outputs of another configuration's state file. gantry's
// state and Terraform's keep outputs the same way ({ name: { value } }).

import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import type { DataSourceType } from "../../contract/resource-type.js";
import type { Attrs, Value } from "../../contract/values.js";

export const remoteStateDataSource: DataSourceType = {
  name: "terraform_remote_state",
  description: 'The root module outputs of another state (backend "local": config = { path = ... }).',
  schema: {
    backend: { kind: "string", description: 'The backend ("local").', required: true },
    config: { kind: "map", description: "The backend's settings (local: path).", optional: true },
    defaults: { kind: "map", description: "Outputs used where the state has none.", optional: true },
    workspace: { kind: "string", description: "The workspace (default).", optional: true },
    outputs: { kind: "object", description: "The state's root outputs.", computed: true },
  },

  async read(ctx, config) {
    if (config.backend !== "local")
      throw new Error(`backend "${String(config.backend)}" is not supported: gantry reads only backend "local"`);
    const settings = (config.config ?? {}) as Record<string, Value>;
    const p = typeof settings.path === "string" ? settings.path : "terraform.tfstate";
    const file = isAbsolute(p) ? p : resolve(ctx.configDir, p);
    let text: string | undefined;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT")
        throw new Error(`cannot read ${file}: ${(e as Error).message}`);
    }
    const outputs: Attrs = { ...((config.defaults ?? {}) as Attrs) };
    if (text !== undefined) {
      let state: { outputs?: Record<string, { value: Value }> };
      try {
        state = JSON.parse(text);
      } catch (e) {
        throw new Error(`${file} is not a state file: ${(e as Error).message}`);
      }
      for (const [name, o] of Object.entries(state.outputs ?? {})) outputs[name] = o.value;
    }
    return {
      backend: "local",
      config: config.config ?? null,
      defaults: config.defaults ?? null,
      workspace: config.workspace ?? "default",
      outputs,
    };
  },
};
