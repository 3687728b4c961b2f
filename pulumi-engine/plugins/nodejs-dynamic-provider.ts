// The Node dynamic provider plugin (`pulumi-resource-pulumi-nodejs`, the SDK's cmd/dynamic-provider) started as
// Pulumi's engine starts it: `node <sdk>/cmd/dynamic-provider <engine address>` in the program's directory, with
// PULUMI_NODEJS_PROJECT and PULUMI_PROJECT naming the project (its config.get("key") reads `project:key`) and the
// project's runtime options as PULUMI_RUNTIME_<OPTION>, and the stack's config of its package (`pulumi-nodejs:id` as
// `{"id": ...}`) in PULUMI_CONFIG. The SDK is the program's own when it has one (as the plugin's
// shell script resolves it from the working directory), else gantry's.
//
// Pulumi's engine then configures it once per provider resource (`pulumi:providers:pulumi-nodejs`): CheckConfig
// (not implemented by this plugin: the config passes unchanged) and Configure with the whole stack config, secrets
// decrypted; the plugin answers acceptSecrets: false.

import { resolvePulumiSdkFile } from "./pulumi-sdk-modules.js";
import { ResourceProviderClient } from "./resource-provider-client.js";

/** The package of Node dynamic resources (`pulumi-nodejs:dynamic:Resource`) and of their provider resource. */
export const NODEJS_DYNAMIC_PACKAGE = "pulumi-nodejs";
/** The type token of the dynamic provider's default provider resource. */
export const NODEJS_DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

export interface NodejsDynamicProviderOptions {
  /** The address (host:port) of the door's Engine gRPC service, passed as the plugin's argument. */
  engineAddress: string;
  /** The program's directory: the plugin's working directory, and where its SDK is looked up first. */
  programDir: string;
  /** The project name (Pulumi.yaml `name`). */
  project: string;
  /** Pulumi.yaml `runtime.options`, passed as PULUMI_RUNTIME_<NAME> variables. */
  runtimeOptions?: Record<string, unknown>;
  /** PULUMI_CONFIG for the plugin: the stack's config of its package (StackConfiguration#pluginEnvironmentConfig). */
  pluginConfig?: string;
  /** The plugin's environment before Pulumi's variables are added (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Each line the plugin prints (console.log of the provider's methods, its errors). */
  onOutput?: (stream: "stdout" | "stderr", line: string) => void;
  startTimeoutMs?: number;
}

/** The path of the dynamic provider script the program would run. */
export function nodejsDynamicProviderScript(programDir: string): string {
  return resolvePulumiSdkFile("@pulumi/pulumi/cmd/dynamic-provider/index.js", programDir);
}

/**
 * Start the plugin and connect to it. Call `configure` (and optionally `checkConfig`) on the result before any
 * resource operation, and `close()` at the end of the run.
 */
export async function startNodejsDynamicProvider(opts: NodejsDynamicProviderOptions): Promise<ResourceProviderClient> {
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env) };
  for (const [k, v] of Object.entries(opts.runtimeOptions ?? {})) env[`PULUMI_RUNTIME_${k.toUpperCase()}`] = String(v);
  env.PULUMI_NODEJS_PROJECT = opts.project;
  env.PULUMI_PROJECT = opts.project;
  if (opts.pluginConfig !== undefined) env.PULUMI_CONFIG = opts.pluginConfig;
  return ResourceProviderClient.launch({
    command: process.execPath,
    args: [nodejsDynamicProviderScript(opts.programDir), opts.engineAddress],
    cwd: opts.programDir,
    env,
    label: "pulumi-resource-pulumi-nodejs",
    onOutput: opts.onOutput,
    startTimeoutMs: opts.startTimeoutMs,
    sdkFromDir: opts.programDir,
  });
}
