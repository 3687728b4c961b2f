// `gantry pulumi preview|up|destroy|stack output`: a Pulumi program run against gantry's engine, no Pulumi CLI.
// The stack is a gantry workspace of the program's directory (state in gantry.tfstate.d/STACK); its configuration is
// Pulumi.<STACK>.yaml (secrets opened with PULUMI_CONFIG_PASSPHRASE); the program runs under the SDK's runner against
// a resource monitor served here; each registration is a step of a Deployment. Dynamic resources are run by the SDK's
// own dynamic-provider plugin, a child process started on the first one and stopped at the end of the run.

import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { Engine } from "../engine/engine.js";
import type { ImmediateStop } from "../engine/immediate-stop.js";
import type { StateLease } from "../engine/state-backend.js";
import type { Workspace } from "../engine/workspace.js";
import { cloneState, type State, type StateWriter } from "../planner/state.js";
import { type PulumiProject, readPulumiProject } from "./config/project-file.js";
import { StackConfiguration } from "./config/stack-configuration.js";
import { DEFAULT_STACK } from "./default-stack.js";
import { Deployment } from "./deployment.js";
import { type DeploymentV3, exportDeployment, importDeployment } from "./deployment-json.js";
import { holdsSealedSecret, StateSecrets, stateHoldsSealedSecrets } from "./state-secrets.js";
import { GantryTypeProvider, gantryTypeOfToken } from "./gantry-type-provider.js";
import { type MonitorServer, startMonitorServer } from "./monitor-server.js";
import { NodejsDynamicProviderPlugin } from "./plugins/nodejs-dynamic-provider-plugin.js";
import { mapFromWire, mapToWire } from "./plugins/property-value.js";
import { programLocation } from "./program-location.js";
import { ERROR_ALREADY_LOGGED, runProgram } from "./program-runner.js";
import type { PulumiEventSink, StepOp } from "./pulumi-events.js";
import type { CustomResourceProvider, ProviderResolver } from "./resource-provider.js";
import { ROOT_STACK_TYPE } from "./urn.js";
import { containsSecret, plainOutput, type WireObject } from "./wire-values.js";

export const DYNAMIC_RESOURCE_TYPE = "pulumi-nodejs:dynamic:Resource";

/**
 * Whether a type token is a Node dynamic resource's: the package is the dynamic provider's (`pulumi-nodejs`), as for
 * `pulumi-nodejs:dynamic:Resource` and the tokens a dynamic resource names itself (`pulumi-nodejs:dynamic/gantry:File`
 * from `new dynamic.Resource(provider, name, props, opts, "gantry", "File")`).
 */
export function isDynamicResourceType(type: string): boolean {
  return type.startsWith("pulumi-nodejs:");
}

export interface PulumiRequest {
  /** The program's directory (holding Pulumi.yaml). */
  dir: string;
  stack?: string;
  onEvent?: PulumiEventSink;
  /** Resource operations the program may have in flight at once (the runner's --parallel). */
  parallel?: number;
  /** The environment the program runs with (default: this process's). */
  env?: Record<string, string | undefined>;
  lockTimeoutMs?: number;
  /** Aborted: cancel gracefully (the first Ctrl-C): running steps finish and are recorded, no new one starts. */
  signal?: AbortSignal;
  /** Stop at once (the second Ctrl-C): the door calls now(), which saves the state, unlocks and stops the program. */
  stopNow?: ImmediateStop;
  /** Refresh every resource through its provider before the update (`up --refresh`, `preview --refresh`). */
  refresh?: boolean;
  /** The time the program may run (default DEFAULT_PROGRAM_TIMEOUT_MS; 0: no limit). */
  programTimeoutMs?: number;
}

/**
 * How long a program may run by default: an hour, as Heat's default stack timeout (the program runs while its
 * resources are made, since it waits for their outputs). Past it, the program is stopped and the run fails.
 */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 60 * 60 * 1000;

/** A time limit as said to users: 90s, 5m, 1h, 1h30m. */
function limitText(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return [h ? `${h}h` : "", m ? `${m}m` : "", s || (!h && !m) ? `${s}s` : ""].join("");
}

export interface PulumiOutcome {
  ok: boolean;
  counts: Record<StepOp, number>;
  /** The root stack resource's outputs after the run (a preview: as the program registered them). */
  outputs: WireObject;
  /** Why the run failed (the program's error is reported through "log" events). */
  error?: string;
}

function stackWorkspace(engine: Engine, dir: string, stack: string): Workspace {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new GantryError(`stack name ${JSON.stringify(stack)} is not valid`);
  return engine.workspace({ dir, workspaceName: stack });
}

/** Pulumi.yaml, checked to be a program gantry can run. */
function nodejsProject(project: PulumiProject): PulumiProject {
  if (project.runtime.name !== "nodejs")
    throw project.source.error(
      ["runtime"],
      `runtime is ${JSON.stringify(project.runtime.name)}; gantry runs only runtime: nodejs programs`,
    );
  return project;
}

/** The stack's configuration (Pulumi.yaml and Pulumi.<stack>.yaml, secrets decrypted). */
async function loadStack(req: PulumiRequest, stack: string): Promise<StackConfiguration> {
  const config = await StackConfiguration.load({ dir: req.dir, stack, env: req.env ?? process.env });
  nodejsProject(config.project);
  return config;
}

/** The providers of one run: gantry's types in process, dynamic resources in the SDK's plugin (close() stops it). */
interface RunProviders {
  resolve: ProviderResolver;
  close(): Promise<void>;
}

function runProviders(
  engine: Engine,
  config: StackConfiguration,
  ws: Workspace,
  req: PulumiRequest,
  onEvent: PulumiEventSink,
  engineAddress: () => string,
): RunProviders {
  const project = config.project;
  const plugin = (providerResource?: { urn: string; id: string }, inputs?: WireObject) =>
    new NodejsDynamicProviderPlugin({
      engineAddress,
      // as Pulumi: the plugin runs in the program's working directory (Pulumi.yaml `main`)
      programDir: programLocation(project).pwd,
      project: project.name,
      // the default provider is configured with the whole stack config; an explicit one with its own inputs
      config: inputs ? mapFromWire(inputs) : config,
      stackConfig: config,
      runtimeOptions: project.runtime.options,
      stack: config.stack,
      providerResource,
      env: req.env ?? process.env,
      // Pulumi shows what a provider plugin prints (stdout and stderr) as info lines
      onOutput: (_stream, line) => onEvent({ type: "log", severity: "info", message: line }),
    });
  const dynamic = plugin();
  // as Pulumi's engine: each explicit provider resource is a plugin of its own, configured with its inputs
  const explicitPlugins = new Map<string, NodejsDynamicProviderPlugin>();
  const gantry = new Map<string, CustomResourceProvider>();
  const resolve: ProviderResolver = (type, explicit) => {
    if (isDynamicResourceType(type)) {
      if (!explicit) return dynamic.resourceProvider;
      const key = `${explicit.urn}::${explicit.id}::${JSON.stringify(explicit.inputs)}`;
      let p = explicitPlugins.get(key);
      if (!p) {
        p = plugin({ urn: explicit.urn, id: explicit.id }, withoutVersion(explicit.inputs));
        explicitPlugins.set(key, p);
      }
      return p.resourceProvider;
    }
    if (explicit) return undefined;
    const name = gantryTypeOfToken(type);
    const t = name ? engine.resolveType(name) : undefined;
    if (!t) return undefined;
    let p = gantry.get(t.name);
    if (!p) {
      p = new GantryTypeProvider(engine, t, { dataDir: ws.dataDir, configDir: project.dir }, (urn, message) =>
        onEvent({ type: "log", severity: "info", urn, message }),
      );
      gantry.set(t.name, p);
    }
    return p;
  };
  const close = async () => {
    const all = [dynamic, ...explicitPlugins.values()];
    await Promise.allSettled(all.map((p) => p.close()));
  };
  return { resolve, close };
}

/** A provider's inputs without `version` (Pulumi's FilterProviderConfig: what Configure receives). */
function withoutVersion(inputs: WireObject): WireObject {
  const { version: _version, ...rest } = inputs;
  return rest;
}

/** The monitor server's address, once it serves (the dynamic-provider plugin is given it as the engine's). */
function addressOf(server: () => MonitorServer | undefined): () => string {
  return () => {
    const s = server();
    if (!s) throw new Error("the engine service is not serving yet");
    return s.address;
  };
}

/** Stop the run's plugin and servers, whatever happened. */
async function closeRun(providers: RunProviders, server: MonitorServer | undefined): Promise<void> {
  try {
    await providers.close();
  } finally {
    await server?.close();
  }
}

/** What one run (preview, update or destroy) works with, set up and taken down by withStackRun. */
interface StackRun {
  stack: string;
  config: StackConfiguration;
  deployment: Deployment;
  /** The Engine service the dynamic-provider plugin is given (and, for a program, its resource monitor). */
  server: MonitorServer;
  /** The state as recorded before the run (a preview works on a copy). */
  recordedState: State;
  writer: StateWriter | undefined;
  onEvent: PulumiEventSink;
  t0: number;
}

/**
 * Loads the stack, locks its state (not for a preview), makes its deployment and serves the monitor, runs `body`,
 * then stops the plugin and the server and releases the lock, whatever happened.
 */
async function withStackRun(
  engine: Engine,
  req: PulumiRequest,
  dryRun: boolean,
  operation: "up" | "destroy" | "refresh",
  body: (run: StackRun) => Promise<PulumiOutcome>,
): Promise<PulumiOutcome> {
  const stack = req.stack ?? DEFAULT_STACK;
  const onEvent = req.onEvent ?? (() => {});
  const config = await loadStack(req, stack);
  const ws = stackWorkspace(engine, config.project.dir, stack);
  const t0 = Date.now();
  let server: MonitorServer | undefined;
  const providers = runProviders(
    engine,
    config,
    ws,
    req,
    onEvent,
    addressOf(() => server),
  );
  // as Pulumi: the state's secrets are encrypted with the stack's passphrase provider (when it has one)
  const crypter = await config.stateCrypter(req.env ?? process.env);
  const secrets = crypter ? new StateSecrets(crypter, ws.state.location) : undefined;
  const lease: StateLease | undefined = dryRun
    ? undefined
    : await ws.state.lock(`pulumi ${operation}`, req.lockTimeoutMs ?? 0);
  try {
    const read = await ws.state.read();
    if (!secrets && stateHoldsSealedSecrets(read)) throw noSaltForState(config, ws.state.location);
    const recordedState = secrets ? secrets.openState(read) : read;
    const state = dryRun ? cloneState(recordedState) : recordedState;
    const writer = dryRun ? undefined : ws.state.writer(state);
    if (writer && secrets) writer.writeAs((s) => secrets.sealState(s));
    const deployment = new Deployment({
      stack,
      project: config.project.name,
      dryRun,
      state,
      writer,
      providers: providers.resolve,
      onEvent,
      packageConfig: (pkg) => mapToWire(config.providerConfig(pkg)),
    });
    if (lease) req.stopNow?.holding(lease);
    if (writer) req.stopNow?.recording(writer);
    const cancel = () => deployment.cancel();
    if (req.signal?.aborted) cancel();
    req.signal?.addEventListener("abort", cancel, { once: true });
    try {
      onEvent({ type: "begin", dryRun, destroy: operation === "destroy", refresh: operation === "refresh", stack });
      deployment.reportPendingOperations();
      server = await startMonitorServer(deployment, onEvent, (name) =>
        referencedStackOutputs(engine, config, name, req.env ?? process.env),
      );
      return await body({ stack, config, deployment, server, recordedState, writer, onEvent, t0 });
    } finally {
      req.signal?.removeEventListener("abort", cancel);
    }
  } finally {
    try {
      await closeRun(providers, server);
    } finally {
      req.stopNow?.release();
      await lease?.release();
    }
  }
}

/** Preview (dryRun) or update: runs the program and carries out (or plans) its steps. */
export function runPulumiProgram(engine: Engine, req: PulumiRequest, dryRun: boolean): Promise<PulumiOutcome> {
  return withStackRun(engine, req, dryRun, "up", async (run) => {
    const { deployment, onEvent } = run;
    let stderr = "";
    try {
      if (req.refresh) await deployment.refresh(req.parallel ?? 10, false);
    } catch (e) {
      return finishRun(run, dryRun, false, (e as Error).message);
    }
    const timeoutMs = req.programTimeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS;
    let timedOut = false;
    const code = await runProgram({
      project: run.config.project,
      config: run.config.programEnvironment(),
      stack: run.stack,
      monitorAddress: run.server.address,
      dryRun,
      parallel: req.parallel ?? 10,
      env: req.env,
      stopNow: req.stopNow,
      timeoutMs,
      onTimeout: () => {
        timedOut = true;
        // no new step starts; those running finish and are recorded
        deployment.cancel();
      },
      onOutput: (text, stream) => {
        if (stream === "stderr") stderr += text;
        for (const line of text.replace(/\n$/, "").split("\n"))
          onEvent({ type: "log", severity: "info", message: line, urn: deployment.rootUrn || undefined });
      },
    });
    // steps the program started finish (and are recorded) even when it ended first (killed, or a Ctrl-C reached it)
    await deployment.settle();
    let error: string | undefined;
    if (timedOut)
      error =
        `the program did not finish within ${limitText(timeoutMs)} (the program time limit: --program-timeout or ` +
        "GANTRY_PULUMI_PROGRAM_TIMEOUT) and was stopped; the steps it had started finished and are recorded";
    else if (deployment.cancelled) error = "update canceled";
    // a failed step: the program, answered as by a monitor shutting down, may end without an error of its own
    else if (code !== 0 || deployment.failure)
      error = deployment.failure
        ? deployment.failure.message
        : code === ERROR_ALREADY_LOGGED
          ? "an unhandled error occurred: the program failed"
          : `the program exited with code ${code}${stderr ? `:\n${stderr.trim()}` : ""}`;
    if (!error) {
      try {
        deployment.commitStackOutputs();
        // as Pulumi: what earlier failed runs left pending deletion goes once a run's program has succeeded
        await deployment.retirePendingDeletes();
        await deployment.deleteUnregistered();
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return finishRun(run, dryRun, false, error);
  });
}

/** Saves the state and reports the run's summary (the outputs of the last good update when it failed). */
async function finishRun(
  run: StackRun,
  dryRun: boolean,
  destroy: boolean,
  error: string | undefined,
  /** The stack's outputs when the run succeeds (default: those the program registered). */
  okOutputs?: WireObject,
): Promise<PulumiOutcome> {
  const { deployment, onEvent, writer } = run;
  if (writer) await writer.flush();
  const ok = !error;
  const good = okOutputs ?? deployment.rootOutputs ?? {};
  const outputs = destroy ? {} : ok ? good : rootOutputs(run.recordedState.instances);
  if (ok && !destroy) onEvent({ type: "outputs", outputs });
  onEvent({ type: "summary", dryRun, destroy, ok, counts: deployment.counts, ms: Date.now() - run.t0 });
  return { ok, counts: deployment.counts, outputs, ...(error ? { error } : {}) };
}

/** `pulumi destroy`: deletes every resource of the stack, dependents first; the program is not run. */
export function destroyPulumiStack(engine: Engine, req: PulumiRequest, dryRun = false): Promise<PulumiOutcome> {
  return withStackRun(engine, req, dryRun, "destroy", async (run) => {
    let error: string | undefined;
    try {
      await run.deployment.retirePendingDeletes();
      await run.deployment.deleteEverything();
    } catch (e) {
      error = (e as Error).message;
    }
    return finishRun(run, dryRun, true, error);
  });
}

/**
 * `pulumi refresh`: reads every resource of the stack through its provider and records what changed (outputs) and
 * what is gone (dropped from the state); the program is not run. Previewing (dryRun), records nothing.
 */
export function refreshPulumiStack(engine: Engine, req: PulumiRequest, dryRun = false): Promise<PulumiOutcome> {
  return withStackRun(engine, req, dryRun, "refresh", async (run) => {
    let error: string | undefined;
    try {
      await run.deployment.refresh(req.parallel ?? 10);
    } catch (e) {
      error = (e as Error).message;
    }
    if (!error && run.deployment.cancelled) error = "refresh canceled";
    return finishRun(run, dryRun, false, error, rootOutputs(run.recordedState.instances));
  });
}

/**
 * The outputs a `pulumi.StackReference` reads: `STACK` or `ORG/STACK` is a stack of this program, `ORG/PROJECT/STACK`
 * one of the project PROJECT: this program's, or the program in a sibling directory (beside this one) whose
 * Pulumi.yaml names it. A stack that never had an update is unknown, as in Pulumi.
 */
async function referencedStackOutputs(
  engine: Engine,
  config: StackConfiguration,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<WireObject> {
  const project = config.project;
  const parts = name.split("/");
  if (parts.length > 3 || parts.some((p) => !p)) throw new GantryError(`stack reference "${name}" is not a stack name`);
  const projectName = parts.length === 3 ? parts[1] : project.name;
  const stack = parts[parts.length - 1];
  const dir = projectName === project.name ? project.dir : siblingProjectDir(project.dir, projectName);
  if (!dir)
    throw new GantryError(
      `unknown stack "${name}": no program of project "${projectName}" beside ${project.dir} (gantry finds the ` +
        "stacks of other projects in the directories next to this program's)",
    );
  // a stack's state is a local file (DIR/gantry.tfstate.d/STACK), read synchronously: the monitor asks mid-call
  const backend = stackWorkspace(engine, dir, stack).state;
  if (!backend.readSync) throw new GantryError(`stack reference "${name}": its state cannot be read here`);
  const instances = backend.readSync().instances;
  if (![...instances.values()].some((i) => i.type === ROOT_STACK_TYPE))
    throw new GantryError(`unknown stack "${name}" (no update of stack ${stack} of ${dir} is recorded)`);
  const outputs = rootOutputs(instances);
  if (!holdsSealedSecret(outputs)) return outputs;
  // its secrets, with its stack's passphrase provider (this stack's, when it is this one)
  const theirs =
    dir === project.dir && stack === config.stack
      ? config
      : await StackConfiguration.load({ dir, stack, env, validate: false, blindSecrets: true });
  return openOutputs(theirs, outputs, backend.location, env);
}

/** Outputs recorded with encrypted secrets, decrypted with the stack's passphrase. */
async function openOutputs(
  config: StackConfiguration,
  outputs: WireObject,
  location: string,
  env: NodeJS.ProcessEnv,
): Promise<WireObject> {
  const crypter = await config.stateCrypter(env);
  if (!crypter) throw noSaltForState(config, location);
  return new StateSecrets(crypter, location).openOutputs(outputs);
}

/** The error for a state holding encrypted secrets when the stack's file has no salt to decrypt them with. */
function noSaltForState(config: StackConfiguration, location: string): GantryError {
  return new GantryError(
    `${location}: the state holds secrets encrypted with the stack's passphrase, but ${config.stackFile.file} has ` +
      "no encryptionsalt (passphrase secrets provider) to decrypt them with: restore the file's encryptionsalt",
  );
}

/** The directory beside `dir` holding the Pulumi program of project `name`. */
function siblingProjectDir(dir: string, name: string): string | undefined {
  const parent = dirname(dir);
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const candidate = join(parent, entry.name);
    if (!existsSync(join(candidate, "Pulumi.yaml"))) continue;
    try {
      if (readPulumiProject(candidate).name === name) return candidate;
    } catch {
      // not a program gantry can read: not the one
    }
  }
  return undefined;
}

/**
 * The outputs of the stack's last good update (the root stack resource's). Their secrets stay encrypted (shown as
 * [secret]) unless `showSecrets`, which needs the stack's passphrase, as `pulumi stack output --show-secrets` does.
 */
export async function pulumiStackOutputs(
  engine: Engine,
  dir: string,
  stack = DEFAULT_STACK,
  opts: { showSecrets?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<WireObject> {
  const project = nodejsProject(readPulumiProject(dir));
  const ws = stackWorkspace(engine, project.dir, stack);
  const outputs = rootOutputs((await ws.state.read()).instances);
  if (!opts.showSecrets || !holdsSealedSecret(outputs)) return outputs;
  const env = opts.env ?? process.env;
  const config = await StackConfiguration.load({ dir: project.dir, stack, env, validate: false, blindSecrets: true });
  return openOutputs(config, outputs, ws.state.location, env);
}

function rootOutputs(instances: ReadonlyMap<string, { type: string; attributes: unknown }>): WireObject {
  for (const i of instances.values())
    if (i.type === ROOT_STACK_TYPE) return ((i.attributes as { outputs?: WireObject }).outputs ?? {}) as WireObject;
  return {};
}

/**
 * `pulumi stack export`: the stack's record in Pulumi's deployment format v3 (./deployment-json.ts). Secrets stay
 * encrypted unless `showSecrets` (which needs the passphrase), then written `{sig, plaintext}` as Pulumi writes them.
 */
export async function exportPulumiStack(
  engine: Engine,
  dir: string,
  stack = DEFAULT_STACK,
  opts: { showSecrets?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<DeploymentV3> {
  const env = opts.env ?? process.env;
  const project = nodejsProject(readPulumiProject(dir));
  const ws = stackWorkspace(engine, project.dir, stack);
  const config = await StackConfiguration.load({ dir: project.dir, stack, env, validate: false, blindSecrets: true });
  let state = await ws.state.read();
  if (opts.showSecrets && stateHoldsSealedSecrets(state)) {
    const crypter = await config.stateCrypter(env);
    if (!crypter) throw noSaltForState(config, ws.state.location);
    state = new StateSecrets(crypter, ws.state.location).openState(state);
  }
  return exportDeployment(state.instances.values(), {
    salt: config.stackFile.encryptionSalt,
    showSecrets: opts.showSecrets,
  });
}

/**
 * `pulumi stack import`: replaces the stack's record with an exported deployment (v3), under the stack's lock;
 * secrets shown in plain text are encrypted again with the stack's passphrase when written.
 */
export async function importPulumiStack(
  engine: Engine,
  dir: string,
  doc: unknown,
  opts: { stack?: string; env?: NodeJS.ProcessEnv; warn?: (message: string) => void } = {},
): Promise<number> {
  const env = opts.env ?? process.env;
  const stack = opts.stack ?? DEFAULT_STACK;
  const project = nodejsProject(readPulumiProject(dir));
  const ws = stackWorkspace(engine, project.dir, stack);
  const config = await StackConfiguration.load({ dir: project.dir, stack, env, validate: false, blindSecrets: true });
  const instances = importDeployment(doc, {
    salt: config.stackFile.encryptionSalt,
    stack,
    warn: opts.warn ?? (() => {}),
  });
  const lease = await ws.state.lock("pulumi stack import", 0);
  try {
    const state = await ws.state.read();
    state.instances = new Map(instances.map((i) => [i.address, i]));
    state.outputs = {};
    const root = instances.find((i) => i.type === ROOT_STACK_TYPE && !(i.attributes as { parent?: string }).parent);
    for (const [k, v] of Object.entries(((root?.attributes as { outputs?: WireObject }) ?? {}).outputs ?? {}))
      state.outputs[k] = { value: plainOutput(v, false) as never, ...(containsSecret(v) ? { sensitive: true } : {}) };
    const crypter = await config.stateCrypter(env);
    const writer = ws.state.writer(state);
    if (crypter) {
      const secrets = new StateSecrets(crypter, ws.state.location);
      writer.writeAs((s) => secrets.sealState(s));
    }
    writer.touch();
    await writer.flush();
    return instances.length;
  } finally {
    await lease.release();
  }
}
