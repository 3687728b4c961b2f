// A client of one resource provider plugin over Pulumi's `pulumirpc.ResourceProvider` gRPC service, speaking to it
// as Pulumi's engine does (sdk/go/common/resource/plugin/provider_plugin.go), with property values as plain JS values
// and markers (./property-value.ts) instead of protobuf Structs:
//   - Configure tells the provider the engine accepts secrets and resources; its answer says whether the provider
//     accepts secrets. A provider that does not (the Node dynamic provider) gets secrets as what they hold, and the
//     client marks outputs secret again where the inputs of the same name were (Pulumi's annotateSecrets).
//   - CheckConfig that the provider does not implement returns the new config unchanged, as Pulumi does.
//   - A Create or Update that fails with Pulumi's ErrorResourceInitFailed detail raises ResourceInitError with the ID
//     and properties to record.
// One client per plugin process; `close()` ends the connection and stops the process it launched.

import type * as grpcTypes from "@grpc/grpc-js";
import { PluginProcess, type PluginProcessOptions } from "./plugin-process.js";
import { ProviderError, ResourceInitError } from "./provider-error.js";
import { annotateSecrets, mapFromWire, mapToWire, type PropertyMap, revealSecrets } from "./property-value.js";
import { loadPulumiSdkModules, type PulumiSdkModules } from "./pulumi-sdk-modules.js";

type ProviderPb = PulumiSdkModules["providerPb"];
type Struct = InstanceType<PulumiSdkModules["structPb"]["Struct"]>;
type GrpcClient = InstanceType<PulumiSdkModules["providerGrpc"]["ResourceProviderClient"]>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  /** The inputs the provider settled on (defaults filled in), to pass to Diff/Create/Update. */
  inputs: PropertyMap;
  failures: CheckFailure[];
}

export type DiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

export interface DiffResult {
  /** "unknown": the provider did not say (Pulumi then compares inputs itself). */
  changes: "unknown" | "none" | "some";
  /** Top-level properties whose change forces replacement. */
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
  /** Only when the provider sent a detailed diff. */
  detailedDiff?: Record<string, { kind: DiffKind; inputDiff: boolean }>;
}

export interface ConfigureResult {
  acceptSecrets: boolean;
  acceptResources: boolean;
  supportsPreview: boolean;
  acceptOutputs: boolean;
}

export interface HandshakeRequest {
  /** The Engine service's address (host:port). */
  engineAddress: string;
  rootDirectory?: string;
  programDirectory?: string;
  configureWithUrn?: boolean;
}

export interface ResourceRequestBase {
  urn: string;
  /** The resource's name and type; taken from the URN when left out. */
  name?: string;
  type?: string;
}

export interface LaunchProviderOptions extends PluginProcessOptions {
  /** Where to load the SDK's gRPC stubs from (a program directory); default: the plugin's cwd. */
  sdkFromDir?: string;
}

/** Name and type of a URN (`urn:pulumi:stack::project::qualified$type::name`). */
export function urnNameAndType(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { name: "", type: "" };
  const name = parts.slice(3).join("::");
  const qualified = parts[2];
  const type = qualified.slice(qualified.lastIndexOf("$") + 1);
  return { name, type };
}

export class ResourceProviderClient {
  private acceptSecrets = false;

  private constructor(
    private readonly sdk: PulumiSdkModules,
    private readonly client: GrpcClient,
    /** The plugin process this client launched (stopped by close()), if any. */
    readonly process: PluginProcess | undefined,
    readonly label: string,
  ) {}

  /** Launch a provider plugin (./plugin-process.ts) and connect to it. */
  static async launch(opts: LaunchProviderOptions): Promise<ResourceProviderClient> {
    const sdk = loadPulumiSdkModules(opts.sdkFromDir ?? opts.cwd);
    const plugin = await PluginProcess.launch(opts);
    try {
      const client = await connectClient(sdk, plugin.address);
      return new ResourceProviderClient(sdk, client, plugin, opts.label);
    } catch (e) {
      await plugin.stop();
      throw e;
    }
  }

  /** Connect to a provider that already serves at `address` (host:port); close() leaves its process alone. */
  static async connect(address: string, label = address, sdkFromDir?: string): Promise<ResourceProviderClient> {
    const sdk = loadPulumiSdkModules(sdkFromDir);
    return new ResourceProviderClient(sdk, await connectClient(sdk, address), undefined, label);
  }

  /** Whether the provider said (at Configure) that it accepts secrets. */
  get acceptsSecrets(): boolean {
    return this.acceptSecrets;
  }

  /** Handshake, or undefined when the provider does not implement it (the Node dynamic provider). */
  async handshake(req: HandshakeRequest): Promise<ConfigureResult | undefined> {
    const pb = this.sdk.providerPb;
    const r = new pb.ProviderHandshakeRequest();
    r.setEngineAddress(req.engineAddress);
    if (req.rootDirectory !== undefined) r.setRootDirectory(req.rootDirectory);
    if (req.programDirectory !== undefined) r.setProgramDirectory(req.programDirectory);
    r.setConfigureWithUrn(req.configureWithUrn ?? true);
    try {
      const resp = await this.call<InstanceType<ProviderPb["ProviderHandshakeResponse"]>>("handshake", "Handshake", r);
      this.acceptSecrets = resp.getAcceptSecrets();
      return {
        acceptSecrets: resp.getAcceptSecrets(),
        acceptResources: resp.getAcceptResources(),
        acceptOutputs: resp.getAcceptOutputs(),
        supportsPreview: false,
      };
    } catch (e) {
      if (e instanceof ProviderError && e.unimplemented) return undefined;
      throw e;
    }
  }

  async getPluginInfo(): Promise<{ version: string }> {
    const resp = await this.call<InstanceType<PulumiSdkModules["pluginPb"]["PluginInfo"]>>(
      "getPluginInfo",
      "GetPluginInfo",
      new this.sdk.emptyPb.Empty(),
    );
    return { version: resp.getVersion() };
  }

  /**
   * CheckConfig of a provider resource. Secrets are sent as what they hold and marked again on the result; when the
   * provider does not implement CheckConfig (the dynamic provider) the new config comes back unchanged.
   */
  async checkConfig(req: ResourceRequestBase & { olds: PropertyMap; news: PropertyMap }): Promise<CheckResult> {
    const r = this.checkRequest(req, false);
    try {
      const resp = await this.call<InstanceType<ProviderPb["CheckResponse"]>>("checkConfig", "CheckConfig", r);
      return {
        inputs: annotateSecrets(this.fromStruct(resp.getInputs()), req.news),
        failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    } catch (e) {
      if (e instanceof ProviderError && e.unimplemented) return { inputs: req.news, failures: [] };
      throw e;
    }
  }

  /**
   * Configure the provider with its config (for the dynamic provider: the whole stack config keyed `ns:key`, each
   * value a string, secrets as Secret — see pulumi-engine/config StackConfiguration.dynamicProviderConfig()).
   */
  async configure(
    req: { args: PropertyMap; urn?: string; name?: string; type?: string; id?: string } = { args: {} },
  ): Promise<ConfigureResult> {
    const pb = this.sdk.providerPb;
    const r = new pb.ConfigureRequest();
    r.setArgs(this.toStruct(req.args, true));
    r.setAcceptsecrets(true);
    r.setAcceptresources(true);
    r.setSendsOldInputs(true);
    r.setSendsOldInputsToDelete(true);
    if (req.urn !== undefined) r.setUrn(req.urn);
    if (req.name !== undefined) r.setName(req.name);
    if (req.type !== undefined) r.setType(req.type);
    if (req.id !== undefined) r.setId(req.id);
    // The deprecated `variables` map: `<pkg>:config:<key>` → text, for providers that still read it.
    const pkg = req.type?.startsWith("pulumi:providers:") ? req.type.slice("pulumi:providers:".length) : undefined;
    if (pkg) {
      const vars = r.getVariablesMap();
      for (const [k, v] of Object.entries(req.args)) {
        if (k === "version") continue;
        const plain = revealSecrets(v);
        vars.set(`${pkg}:config:${k}`, typeof plain === "string" ? plain : JSON.stringify(mapToWire({ v: plain }).v));
      }
    }
    const resp = await this.call<InstanceType<ProviderPb["ConfigureResponse"]>>("configure", "Configure", r);
    this.acceptSecrets = resp.getAcceptsecrets();
    return {
      acceptSecrets: resp.getAcceptsecrets(),
      acceptResources: resp.getAcceptresources(),
      supportsPreview: resp.getSupportspreview(),
      acceptOutputs: resp.getAcceptoutputs(),
    };
  }

  /** Check a resource's new inputs against its old ones. */
  async check(req: ResourceRequestBase & { olds: PropertyMap; news: PropertyMap }): Promise<CheckResult> {
    const r = this.checkRequest(req, this.acceptSecrets);
    const resp = await this.call<InstanceType<ProviderPb["CheckResponse"]>>("check", "Check", r);
    return {
      inputs: this.annotate(this.fromStruct(resp.getInputs()), req.news),
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** Diff old outputs (`olds`) and old inputs against new checked inputs (`news`). */
  async diff(
    req: ResourceRequestBase & {
      id: string;
      olds: PropertyMap;
      news: PropertyMap;
      oldInputs?: PropertyMap;
      ignoreChanges?: string[];
    },
  ): Promise<DiffResult> {
    const pb = this.sdk.providerPb;
    const r = new pb.DiffRequest();
    this.setBase(r, req);
    r.setId(req.id);
    r.setOlds(this.toStruct(req.olds));
    r.setNews(this.toStruct(req.news));
    if (req.oldInputs) r.setOldInputs(this.toStruct(req.oldInputs));
    r.setIgnorechangesList(req.ignoreChanges ?? []);
    const resp = await this.call<InstanceType<ProviderPb["DiffResponse"]>>("diff", "Diff", r);
    const changes = resp.getChanges();
    const kinds: DiffKind[] = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"];
    const result: DiffResult = {
      changes:
        changes === pb.DiffResponse.DiffChanges.DIFF_NONE
          ? "none"
          : changes === pb.DiffResponse.DiffChanges.DIFF_SOME
            ? "some"
            : "unknown",
      replaces: resp.getReplacesList(),
      stables: resp.getStablesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
      diffs: resp.getDiffsList(),
    };
    if (resp.getHasdetaileddiff()) {
      const detailed: NonNullable<DiffResult["detailedDiff"]> = {};
      for (const [k, d] of resp.getDetaileddiffMap().entries())
        detailed[k] = { kind: kinds[d.getKind()] ?? "update", inputDiff: d.getInputdiff() };
      result.detailedDiff = detailed;
    }
    return result;
  }

  /** Create the resource; `properties` are its checked inputs. Returns its ID and outputs. */
  async create(
    req: ResourceRequestBase & { properties: PropertyMap; timeout?: number; preview?: boolean },
  ): Promise<{ id: string; properties: PropertyMap }> {
    const r = new this.sdk.providerPb.CreateRequest();
    this.setBase(r, req);
    r.setProperties(this.toStruct(req.properties));
    r.setTimeout(req.timeout ?? 0);
    r.setPreview(req.preview ?? false);
    const resp = await this.call<InstanceType<ProviderPb["CreateResponse"]>>("create", "Create", r, req.properties);
    return { id: resp.getId(), properties: this.annotate(this.fromStruct(resp.getProperties()), req.properties) };
  }

  /**
   * Read the live state of the resource `id` (refresh). `properties` are its recorded outputs, `inputs` its recorded
   * inputs. An empty `id` in the answer means the resource is gone.
   */
  async read(
    req: ResourceRequestBase & { id: string; properties: PropertyMap; inputs?: PropertyMap },
  ): Promise<{ id: string; properties: PropertyMap; inputs?: PropertyMap }> {
    const r = new this.sdk.providerPb.ReadRequest();
    this.setBase(r, req);
    r.setId(req.id);
    r.setProperties(this.toStruct(req.properties));
    if (req.inputs) r.setInputs(this.toStruct(req.inputs));
    const resp = await this.call<InstanceType<ProviderPb["ReadResponse"]>>("read", "Read", r);
    const result: { id: string; properties: PropertyMap; inputs?: PropertyMap } = {
      id: resp.getId(),
      properties: this.annotate(this.fromStruct(resp.getProperties()), req.properties),
    };
    const inputs = resp.getInputs();
    if (inputs) result.inputs = this.annotate(this.fromStruct(inputs), req.inputs ?? {});
    return result;
  }

  /** Update the resource `id` in place from old outputs (`olds`) to new checked inputs (`news`). */
  async update(
    req: ResourceRequestBase & {
      id: string;
      olds: PropertyMap;
      news: PropertyMap;
      oldInputs?: PropertyMap;
      timeout?: number;
      ignoreChanges?: string[];
      preview?: boolean;
    },
  ): Promise<{ properties: PropertyMap }> {
    const r = new this.sdk.providerPb.UpdateRequest();
    this.setBase(r, req);
    r.setId(req.id);
    r.setOlds(this.toStruct(req.olds));
    r.setNews(this.toStruct(req.news));
    if (req.oldInputs) r.setOldInputs(this.toStruct(req.oldInputs));
    r.setTimeout(req.timeout ?? 0);
    r.setIgnorechangesList(req.ignoreChanges ?? []);
    r.setPreview(req.preview ?? false);
    const resp = await this.call<InstanceType<ProviderPb["UpdateResponse"]>>("update", "Update", r, req.news);
    return { properties: this.annotate(this.fromStruct(resp.getProperties()), req.news) };
  }

  /** Delete the resource `id`; `properties` are its recorded outputs. */
  async delete(
    req: ResourceRequestBase & { id: string; properties: PropertyMap; oldInputs?: PropertyMap; timeout?: number },
  ): Promise<void> {
    const r = new this.sdk.providerPb.DeleteRequest();
    this.setBase(r, req);
    r.setId(req.id);
    r.setProperties(this.toStruct(req.properties));
    if (req.oldInputs) r.setOldInputs(this.toStruct(req.oldInputs));
    r.setTimeout(req.timeout ?? 0);
    await this.call("delete", "Delete", r);
  }

  /** Ask the provider to stop what it is doing (before close() on an interrupted run). */
  async cancel(): Promise<void> {
    await this.call("cancel", "Cancel", new this.sdk.emptyPb.Empty());
  }

  /** Close the connection and stop the plugin process this client launched; resolves when it has exited. */
  async close(graceMs?: number): Promise<void> {
    this.client.close();
    await this.process?.stop(graceMs);
  }

  // ---- plumbing ----

  private checkRequest(
    req: ResourceRequestBase & { olds: PropertyMap; news: PropertyMap },
    keepSecrets: boolean,
  ): InstanceType<ProviderPb["CheckRequest"]> {
    const r = new this.sdk.providerPb.CheckRequest();
    this.setBase(r, req);
    r.setOlds(this.toStruct(req.olds, keepSecrets));
    r.setNews(this.toStruct(req.news, keepSecrets));
    return r;
  }

  private setBase(
    r: { setUrn(v: string): unknown; setName(v: string): unknown; setType(v: string): unknown },
    req: ResourceRequestBase,
  ): void {
    const fromUrn = urnNameAndType(req.urn);
    r.setUrn(req.urn);
    r.setName(req.name ?? fromUrn.name);
    r.setType(req.type ?? fromUrn.type);
  }

  private toStruct(m: PropertyMap, keepSecrets = this.acceptSecrets): Struct {
    return this.sdk.structPb.Struct.fromJavaScript(mapToWire(m, { keepSecrets }) as never);
  }

  private fromStruct(s: Struct | undefined): PropertyMap {
    return mapFromWire(s?.toJavaScript() as never);
  }

  /** Outputs of a provider that cannot take secrets get the secretness of their inputs back. */
  private annotate(outs: PropertyMap, ins: PropertyMap): PropertyMap {
    return this.acceptSecrets ? outs : annotateSecrets(outs, ins);
  }

  private call<R>(method: string, operation: string, request: unknown, inputsForInitError?: PropertyMap): Promise<R> {
    const fn = (this.client as unknown as Record<string, (...a: unknown[]) => unknown>)[method].bind(this.client);
    return new Promise<R>((resolve, reject) => {
      fn(request, (err: grpcTypes.ServiceError | null, resp: R) => {
        if (err) reject(this.providerError(operation, err, inputsForInitError));
        else resolve(resp);
      });
    });
  }

  private providerError(operation: string, err: grpcTypes.ServiceError, inputs?: PropertyMap): ProviderError {
    const message = err.details || err.message;
    const detailBin = err.metadata?.get("grpc-status-details-bin")?.[0];
    if (detailBin && typeof detailBin !== "string") {
      try {
        const status = this.sdk.statusPb.Status.deserializeBinary(new Uint8Array(detailBin));
        for (const any of status.getDetailsList()) {
          if (!any.getTypeUrl().endsWith("pulumirpc.ErrorResourceInitFailed")) continue;
          const d = this.sdk.providerPb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
          const props = this.fromStruct(d.getProperties());
          const ins = d.getInputs();
          return new ResourceInitError(
            operation,
            err.code,
            message,
            d.getId(),
            inputs ? this.annotate(props, inputs) : props,
            d.getReasonsList(),
            ins ? this.fromStruct(ins) : undefined,
          );
        }
      } catch {
        // not a status we can read: report the plain error
      }
    }
    return new ProviderError(operation, err.code, message);
  }
}

async function connectClient(sdk: PulumiSdkModules, address: string): Promise<GrpcClient> {
  const client = new sdk.providerGrpc.ResourceProviderClient(address, sdk.grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
    // channelz (gRPC's call statistics, which nothing here reads) would track every call
    "grpc.enable_channelz": 0,
  });
  await new Promise<void>((resolve, reject) => {
    client.waitForReady(Date.now() + 60_000, (err?: Error) => {
      if (err) {
        client.close();
        reject(new Error(`could not connect to resource plugin at ${address}: ${err.message}`));
      } else resolve();
    });
  });
  return client;
}
