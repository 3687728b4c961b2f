// Dynamic providers (pulumi.dynamic.Resource, type pulumi-nodejs:dynamic:Resource) run in gantry's own process: the
// serialized provider in the `__provider` input is loaded as a module and its check/diff/create/update/delete are
// called as the SDK's dynamic-provider plugin calls them. A stand-in for pulumi-engine/plugins/ (the plugin itself
// over the ResourceProvider gRPC service), which keeps the provider out of gantry's process.

import { createRequire } from "node:module";
import type { CustomResourceProvider } from "./resource-provider.js";
import type { WireObject, WireValue } from "./wire-values.js";

const PROVIDER_KEY = "__provider";

interface DynamicProvider {
  configure?(req: { config: unknown }): Promise<void>;
  check?(
    olds: unknown,
    news: unknown,
  ): Promise<{ inputs?: WireObject; failures?: { property: string; reason: string }[] }>;
  diff?(
    id: string,
    olds: unknown,
    news: unknown,
  ): Promise<{ changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: unknown): Promise<{ id: string; outs?: WireObject }>;
  update?(id: string, olds: unknown, news: unknown): Promise<{ outs?: WireObject } | undefined>;
  delete?(id: string, props: unknown): Promise<void>;
}

/** The stack config a dynamic provider's configure() receives (config.get("project:key")). */
class DynamicProviderConfig {
  constructor(private readonly values: Record<string, string>) {}
  get(key: string): string | undefined {
    return this.values[key];
  }
  require(key: string): string {
    const v = this.values[key];
    if (v === undefined) throw new Error(`missing required configuration key ${key}`);
    return v;
  }
}

export class InProcessDynamicProviders {
  private readonly loaded = new Map<string, Promise<DynamicProvider>>();
  private readonly requireFromString: (code: string, filename?: string) => { handler(): DynamicProvider };

  /** programDir: modules the provider requires resolve from there; config: the stack's config values. */
  constructor(
    private readonly programDir: string,
    private readonly config: Record<string, string>,
  ) {
    const require = createRequire(import.meta.url);
    const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
    this.requireFromString = sdkRequire("require-from-string");
  }

  private provider(props: WireObject): Promise<DynamicProvider> {
    const source = props[PROVIDER_KEY];
    if (typeof source !== "string") throw new Error("a dynamic resource's inputs hold no serialized provider");
    let p = this.loaded.get(source);
    if (!p) {
      p = (async () => {
        const provider = this.requireFromString(source, `${this.programDir}/__dynamic_provider.js`).handler();
        if (provider.configure) await provider.configure({ config: new DynamicProviderConfig(this.config) });
        return provider;
      })();
      this.loaded.set(source, p);
    }
    return p;
  }

  readonly resourceProvider: CustomResourceProvider = {
    check: async (_urn, olds, news) => {
      const p = await this.provider(news);
      if (!p.check) return { inputs: news, failures: [] };
      const r = await p.check(olds ?? {}, news);
      return { inputs: { ...(r.inputs ?? news), [PROVIDER_KEY]: news[PROVIDER_KEY] }, failures: r.failures ?? [] };
    },
    diff: async (_urn, id, olds, news) => {
      const p = await this.provider(news);
      if (!p.diff) return { changes: undefined, replaces: [], deleteBeforeReplace: false };
      const r = await p.diff(id, olds, news);
      return {
        changes: r.changes === true ? true : r.changes === false ? false : undefined,
        replaces: r.replaces ?? [],
        deleteBeforeReplace: !!r.deleteBeforeReplace,
      };
    },
    create: async (_urn, news) => {
      const p = await this.provider(news);
      const r = await p.create(news);
      return { id: String(r.id), outputs: withProvider(r.outs, news) };
    },
    update: async (_urn, id, olds, news) => {
      const p = await this.provider(news);
      const r = p.update ? ((await p.update(id, olds, news)) ?? {}) : {};
      return withProvider(r.outs, news);
    },
    delete: async (_urn, id, outputs) => {
      const p = await this.provider(outputs);
      if (p.delete) await p.delete(id, outputs);
    },
  };
}

function withProvider(outs: WireObject | undefined, props: WireObject): WireObject {
  return { ...(outs ?? {}), [PROVIDER_KEY]: props[PROVIDER_KEY] as WireValue };
}
