// The dynamic provider of every gantry/pulumi resource class. Pulumi
// serializes it into the program's state (runtime.serializeFunction) and runs
// it in its dynamic-provider host, so it holds nothing but two strings: the
// gantry type it serves and the path of the module that carries out its
// operations (dist/pulumi/runtime/provider-operations.js, an ES module that
// calls gantry's engine). Each method loads that module by path when it runs;
// no engine, handle or socket is captured.

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

/** What runtime/provider-operations.ts exports (an ES module: only its shape is written here). */
export interface ProviderOperations {
  check(typeName: string, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
  diff(typeName: string, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
  create(typeName: string, inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(typeName: string, id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
  update(typeName: string, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  remove(typeName: string, id: string, props: Props): Promise<void>;
}

/** The operations module as installed beside this file, as a file URL. */
export function operationsModule(): string {
  return pathToFileURL(join(__dirname, "runtime", "provider-operations.js")).href;
}

/** The provider of one gantry type (`gantry_file`). */
export function gantryProvider(typeName: string, module = operationsModule()): pulumi.dynamic.ResourceProvider {
  const where = { typeName, module };
  // the path recorded when the state was written, else gantry as the program's directory resolves it (moved)
  const load = async (): Promise<ProviderOperations> => {
    try {
      return await import(where.module);
    } catch (e) {
      if ((e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e;
      const { createRequire } = await import("node:module");
      const url = await import("node:url");
      const found = createRequire(`${process.cwd()}/`).resolve("gantry/dist/pulumi/runtime/provider-operations.js");
      return await import(url.pathToFileURL(found).href);
    }
  };
  return {
    check: async (olds, news) => (await load()).check(where.typeName, olds ?? {}, news),
    diff: async (id, olds, news) => (await load()).diff(where.typeName, id, olds, news),
    create: async (inputs) => (await load()).create(where.typeName, inputs),
    read: async (id, props) => (await load()).read(where.typeName, id, props ?? {}),
    update: async (id, olds, news) => (await load()).update(where.typeName, id, olds, news),
    delete: async (id, props) => (await load()).remove(where.typeName, id, props),
  };
}
