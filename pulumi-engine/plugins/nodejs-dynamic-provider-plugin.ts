// The Node dynamic provider plugin as a deployment uses it during one run: started on the first dynamic resource
// operation (never when a program has no dynamic resource), configured once with the stack's config as Pulumi's
// engine configures its default `pulumi:providers:pulumi-nodejs` provider (CheckConfig, then Configure with every key,
// secrets decrypted), and stopped by close() at the end of the run.
//
// `resourceProvider` speaks in wire form (Struct JSON, see ./property-value.ts), secrets already revealed by the
// caller, which is the shape of pulumi-engine's CustomResourceProvider: the deployment keeps secrets secret around
// the call, as Pulumi's engine does for a provider that answers acceptSecrets: false.

import type { StackConfiguration } from "../config/stack-configuration.js";
import { ResourceInitFailure } from "../resource-provider.js";
import {
  NODEJS_DYNAMIC_PACKAGE,
  NODEJS_DYNAMIC_PROVIDER_TYPE,
  startNodejsDynamicProvider,
} from "./nodejs-dynamic-provider.js";
import { mapFromWire, mapToWire, type PropertyMap, type WireObject } from "./property-value.js";
import { ResourceInitError } from "./provider-error.js";
import type { ResourceProviderClient } from "./resource-provider-client.js";

export interface WireCheckFailure {
  property: string;
  reason: string;
}

/** The provider of dynamic resources in wire form (structurally pulumi-engine's CustomResourceProvider). */
export interface WireResourceProvider {
  check(
    urn: string,
    olds: WireObject | undefined,
    news: WireObject,
  ): Promise<{ inputs: WireObject; failures: WireCheckFailure[] }>;
  diff(
    urn: string,
    id: string,
    oldOutputs: WireObject,
    news: WireObject,
  ): Promise<{ changes: boolean | undefined; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(urn: string, news: WireObject): Promise<{ id: string; outputs: WireObject }>;
  update(urn: string, id: string, oldOutputs: WireObject, news: WireObject): Promise<WireObject>;
  delete(urn: string, id: string, outputs: WireObject): Promise<void>;
  /** Refresh: the live outputs, or undefined when the resource is gone. */
  read(urn: string, id: string, outputs: WireObject, inputs?: WireObject): Promise<WireObject | undefined>;
}

export interface NodejsDynamicProviderPluginOptions {
  /** The Engine service's address, or a function giving it (asked when the plugin starts). */
  engineAddress: string | (() => string);
  programDir: string;
  project: string;
  /** The stack's configuration (its dynamicProviderConfig() is what Configure receives), or that map itself. */
  config: StackConfiguration | PropertyMap;
  runtimeOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Lines the plugin prints (the providers' console.log). */
  onOutput?: (stream: "stdout" | "stderr", line: string) => void;
  /** The stack name, for the provider resource's URN (default "dev"). */
  stack?: string;
  /**
   * The provider resource this plugin serves: an explicit one (`new pulumi.ProviderResource("pulumi-nodejs", ...)`,
   * configured with its own inputs) rather than the package's default one.
   */
  providerResource?: { urn: string; id: string };
  /** The stack's configuration when `config` is a provider's own: the plugin's PULUMI_CONFIG comes from it. */
  stackConfig?: StackConfiguration;
}

export class NodejsDynamicProviderPlugin {
  private client: Promise<ResourceProviderClient> | undefined;
  private closed = false;

  constructor(private readonly opts: NodejsDynamicProviderPluginOptions) {}

  /** True once the plugin has been started (a run with dynamic resources). */
  get started(): boolean {
    return this.client !== undefined;
  }

  /** The running, configured plugin (started on first use). */
  provider(): Promise<ResourceProviderClient> {
    if (this.closed) return Promise.reject(new Error("the dynamic provider plugin was closed"));
    if (!this.client) {
      this.client = this.start();
      // a failed start is retried by the next call, not cached
      this.client.catch(() => {
        this.client = undefined;
      });
    }
    return this.client;
  }

  private async start(): Promise<ResourceProviderClient> {
    const o = this.opts;
    const client = await startNodejsDynamicProvider({
      engineAddress: typeof o.engineAddress === "function" ? o.engineAddress() : o.engineAddress,
      programDir: o.programDir,
      project: o.project,
      runtimeOptions: o.runtimeOptions,
      pluginConfig: isStackConfiguration(o.stackConfig)
        ? o.stackConfig.pluginEnvironmentConfig(NODEJS_DYNAMIC_PACKAGE)
        : isStackConfiguration(o.config)
          ? o.config.pluginEnvironmentConfig(NODEJS_DYNAMIC_PACKAGE)
          : undefined,
      env: o.env,
      onOutput: o.onOutput,
    });
    try {
      const type = NODEJS_DYNAMIC_PROVIDER_TYPE;
      const urn = o.providerResource?.urn ?? `urn:pulumi:${o.stack ?? "dev"}::${o.project}::${type}::default`;
      const name = urn.split("::").slice(3).join("::");
      const config = isStackConfiguration(o.config) ? o.config.dynamicProviderConfig() : o.config;
      const checked = await client.checkConfig({ urn, olds: {}, news: config });
      if (checked.failures.length)
        throw new Error(checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
      await client.configure({ args: checked.inputs, urn, name, type, id: o.providerResource?.id });
      return client;
    } catch (e) {
      await client.close();
      throw e;
    }
  }

  readonly resourceProvider: WireResourceProvider = {
    check: async (urn, olds, news) => {
      const p = await this.provider();
      const r = await p.check({ urn, olds: mapFromWire(olds ?? {}), news: mapFromWire(news) });
      return { inputs: mapToWire(r.inputs, { keepSecrets: false }), failures: r.failures };
    },
    diff: async (urn, id, oldOutputs, news) => {
      const p = await this.provider();
      const r = await p.diff({ urn, id, olds: mapFromWire(oldOutputs), news: mapFromWire(news) });
      return {
        changes: r.changes === "some" ? true : r.changes === "none" ? false : undefined,
        replaces: r.replaces,
        deleteBeforeReplace: r.deleteBeforeReplace,
      };
    },
    create: async (urn, news) => {
      const p = await this.provider();
      const r = await p.create({ urn, properties: mapFromWire(news) }).catch(initFailure);
      return { id: r.id, outputs: mapToWire(r.properties, { keepSecrets: false }) };
    },
    update: async (urn, id, oldOutputs, news) => {
      const p = await this.provider();
      const r = await p.update({ urn, id, olds: mapFromWire(oldOutputs), news: mapFromWire(news) }).catch(initFailure);
      return mapToWire(r.properties, { keepSecrets: false });
    },
    delete: async (urn, id, outputs) => {
      const p = await this.provider();
      await p.delete({ urn, id, properties: mapFromWire(outputs) });
    },
    read: async (urn, id, outputs, inputs) => {
      const p = await this.provider();
      const r = await p.read({
        urn,
        id,
        properties: mapFromWire(outputs),
        inputs: inputs ? mapFromWire(inputs) : undefined,
      });
      return r.id ? mapToWire(r.properties, { keepSecrets: false }) : undefined;
    },
  };

  /** Stop the plugin if it was started; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = undefined;
    if (c) await (await c.catch(() => undefined))?.close();
  }
}

/** A provider's ErrorResourceInitFailed, in the deployment's terms; any other error as it is. */
function initFailure(e: unknown): never {
  if (!(e instanceof ResourceInitError)) throw e;
  const reasons = e.reasons.length ? `: ${e.reasons.join("; ")}` : "";
  throw new ResourceInitFailure(
    `${e.providerMessage}${reasons}`,
    e.id,
    mapToWire(e.properties, { keepSecrets: false }),
    e.reasons,
  );
}

function isStackConfiguration(c: StackConfiguration | PropertyMap | undefined): c is StackConfiguration {
  return typeof (c as StackConfiguration | undefined)?.dynamicProviderConfig === "function";
}
