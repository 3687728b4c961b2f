// The two gRPC services a Pulumi program's SDK talks to, served on loopback with @grpc/grpc-js and the SDK's own
// generated stubs: ResourceMonitor (RegisterResource, RegisterResourceOutputs, SupportsFeature, Invoke, …) and
// Engine (Log, GetRootResource, SetRootResource). Requests become calls on a Deployment; anything gantry does not
// run answers with an error naming the feature.

import { createRequire } from "node:module";
import type { AliasSpec } from "./aliases.js";
import type { Deployment, Registration } from "./deployment.js";
import type { PulumiEventSink } from "./pulumi-events.js";
import { revealObject, type WireObject } from "./wire-values.js";

/** SupportsFeature: what this monitor implements (the SDK then refuses the rest itself, naming the option). */
const FEATURES: Record<string, boolean> = {
  secrets: true,
  resourceReferences: false,
  outputValues: false,
  deletedWith: false,
  replaceWith: false,
  aliasSpecs: true,
  transforms: false,
  invokeTransforms: false,
  parameterization: false,
  resourceHooks: false,
  errorHooks: false,
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal color codes are what it removes
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

// biome-ignore lint/suspicious/noExplicitAny: the SDK's generated protobuf messages, used through their getters
type Message = any;
type Callback = (err: { code: number; details: string } | null, value?: unknown) => void;
type Handler = (call: { request: Message }, callback: Callback) => void;

interface Grpc {
  Server: new (
    opts?: object,
  ) => {
    addService(service: unknown, impl: Record<string, Handler>): void;
    bindAsync(addr: string, creds: unknown, cb: (err: Error | null, port: number) => void): void;
    tryShutdown(cb: () => void): void;
    forceShutdown(): void;
  };
  ServerCredentials: { createInsecure(): unknown };
  status: Record<string, number>;
}

export interface MonitorServer {
  /** host:port of both services. */
  address: string;
  close(): Promise<void>;
}

function sdkModules() {
  const require = createRequire(import.meta.url);
  const sdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  return {
    grpc: sdk("@grpc/grpc-js") as Grpc,
    resourceGrpc: sdk("./proto/resource_grpc_pb.js"),
    resourcePb: sdk("./proto/resource_pb.js"),
    engineGrpc: sdk("./proto/engine_grpc_pb.js"),
    enginePb: sdk("./proto/engine_pb.js"),
    providerPb: sdk("./proto/provider_pb.js"),
    struct: sdk("google-protobuf/google/protobuf/struct_pb.js").Struct,
    empty: sdk("google-protobuf/google/protobuf/empty_pb.js").Empty,
  };
}

/** What Pulumi's resource monitor answers (UNAVAILABLE) to a registration once the deployment is cancelled. */
const MONITOR_SHUT_DOWN = "resource monitor shut down while waiting on step's done channel";

/** The type of `pulumi.StackReference`, a resource read (ReadResource) by the name of the stack it refers to. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** The outputs of the stack a StackReference names (throws, or rejects, when there is no such stack). */
export type StackOutputsReader = (stackName: string) => WireObject | Promise<WireObject>;

export async function startMonitorServer(
  deployment: Deployment,
  onEvent: PulumiEventSink,
  stackOutputs?: StackOutputsReader,
): Promise<MonitorServer> {
  const m = sdkModules();
  const { grpc } = m;
  const unsupported =
    (what: string): Handler =>
    (_call, cb) =>
      cb({ code: grpc.status.UNIMPLEMENTED, details: `gantry does not support ${what}` });
  const fail = (cb: Callback, e: unknown) => cb({ code: grpc.status.UNKNOWN, details: (e as Error).message });
  // As Pulumi's engine: a failed step cancels the deployment, and every registration waiting on the monitor (the
  // failed one, those after it) is answered as by a monitor shutting down; the SDK then stops quietly (no error of
  // its own: the run reports the step's), instead of failing the program's outputs with a second copy of it.
  const failRegistration = (cb: Callback, e: unknown) =>
    deployment.failure ? cb({ code: grpc.status.UNAVAILABLE, details: MONITOR_SHUT_DOWN }) : fail(cb, e);
  /** A read, or a registration refused before its step: it fails the update too. */
  const failStep = (cb: Callback, e: unknown) => {
    deployment.failure ??= e as Error;
    failRegistration(cb, e);
  };
  const toObject = (s: Message): WireObject => (s ? (s.toJavaScript() as WireObject) : {});
  let root = "";

  const monitor: Record<string, Handler> = {
    supportsFeature(call, cb) {
      const resp = new m.resourcePb.SupportsFeatureResponse();
      resp.setHassupport(FEATURES[call.request.getId()] ?? false);
      cb(null, resp);
    },
    registerResource(call, cb) {
      const r = call.request;
      const req: Registration = {
        type: r.getType(),
        name: r.getName(),
        parent: r.getParent(),
        custom: r.getCustom(),
        inputs: toObject(r.getObject()),
        dependencies: r.getDependenciesList(),
        propertyDependencies: propertyDependenciesOf(r),
        provider: r.getProvider(),
        version: r.getVersion(),
        protect: !!r.getProtect(),
        deleteBeforeReplace: r.getDeletebeforereplace(),
        ignoreChanges: r.getIgnorechangesList(),
        replaceOnChanges: r.getReplaceonchangesList(),
        retainOnDelete: !!r.getRetainondelete(),
        additionalSecretOutputs: r.getAdditionalsecretoutputsList(),
        aliasUrns: r.getAliasurnsList(),
        aliases: aliasesOf(r),
        acceptSecrets: r.getAcceptsecrets(),
        importId: r.getImportid(),
        remote: r.getRemote(),
      };
      deployment.register(req).then(
        (res) => {
          const resp = new m.resourcePb.RegisterResourceResponse();
          resp.setUrn(res.urn);
          resp.setId(res.id);
          resp.setObject(m.struct.fromJavaScript(res.outputs));
          cb(null, resp);
        },
        (e) => failRegistration(cb, e),
      );
    },
    registerResourceOutputs(call, cb) {
      try {
        deployment.registerOutputs(call.request.getUrn(), toObject(call.request.getOutputs()));
        cb(null, new m.empty());
      } catch (e) {
        fail(cb, e);
      }
    },
    invoke(call, cb) {
      const tok: string = call.request.getTok();
      const args = toObject(call.request.getArgs());
      const resp = new m.providerPb.InvokeResponse();
      if (tok === "pulumi:pulumi:getResource" && typeof args.urn === "string") {
        const r = deployment.resourceOutputs(args.urn);
        if (!r) return fail(cb, new Error(`pulumi:pulumi:getResource: no resource ${args.urn}`));
        resp.setReturn(m.struct.fromJavaScript({ urn: args.urn, id: r.id, state: r.outputs }));
        return cb(null, resp);
      }
      fail(cb, new Error(`gantry does not support invoking ${tok} (functions of provider packages)`));
    },
    readResource(call, cb) {
      const r = call.request;
      const type: string = r.getType();
      if (type === STACK_REFERENCE_TYPE && stackOutputs) {
        // the referenced stack's secrets may need its passphrase's key (derived asynchronously)
        (async () => stackOutputs(r.getId()))().then(
          (outputs) => {
            try {
              const res = deployment.readStackReference(r.getName(), r.getParent(), r.getId(), () => outputs);
              const resp = new m.resourcePb.ReadResourceResponse();
              resp.setUrn(res.urn);
              const props = r.getAcceptsecrets() ? res.outputs : revealObject(res.outputs);
              resp.setProperties(m.struct.fromJavaScript(props));
              cb(null, resp);
            } catch (e) {
              failStep(cb, e);
            }
          },
          (e) => failStep(cb, e),
        );
        return;
      }
      deployment
        .readResource({
          type,
          name: r.getName(),
          id: r.getId(),
          parent: r.getParent(),
          properties: toObject(r.getProperties()),
          dependencies: r.getDependenciesList(),
          additionalSecretOutputs: r.getAdditionalsecretoutputsList(),
          acceptSecrets: r.getAcceptsecrets(),
          version: r.getVersion(),
          provider: r.getProvider(),
        })
        .then(
          (res) => {
            const resp = new m.resourcePb.ReadResourceResponse();
            resp.setUrn(res.urn);
            resp.setProperties(m.struct.fromJavaScript(res.outputs));
            cb(null, resp);
          },
          (e) => failStep(cb, e),
        );
    },
    call: unsupported("Call (methods of multi-language components)"),
    registerStackTransform: unsupported("stack transforms"),
    registerStackInvokeTransform: unsupported("invoke transforms"),
    registerResourceHook: unsupported("resource hooks"),
    registerErrorHook: unsupported("error hooks"),
    registerPackage: unsupported("parameterized packages (RegisterPackage)"),
    getDeploymentInfo: unsupported("GetDeploymentInfo"),
    signalAndWaitForShutdown(_call, cb) {
      cb(null, new m.empty());
    },
  };

  const engine: Record<string, Handler> = {
    log(call, cb) {
      const r = call.request;
      // the program's messages belong to the root stack resource unless they name another; colors are the door's
      const urn: string = r.getUrn() || deployment.rootUrn;
      onEvent({
        type: "log",
        severity: SEVERITIES[r.getSeverity()] ?? "info",
        message: String(r.getMessage()).replace(ANSI_ESCAPES, ""),
        ...(urn ? { urn } : {}),
      });
      cb(null, new m.empty());
    },
    getRootResource(_call, cb) {
      const resp = new m.enginePb.GetRootResourceResponse();
      resp.setUrn(root);
      cb(null, resp);
    },
    setRootResource(call, cb) {
      root = call.request.getUrn();
      cb(null, new m.enginePb.SetRootResourceResponse());
    },
    startDebugging: unsupported("debugging"),
    requirePulumiVersion(_call, cb) {
      cb(null, new m.enginePb.RequirePulumiVersionResponse());
    },
  };

  // channelz (gRPC's call statistics, which nothing here reads) would track every one of a program's calls
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024, "grpc.enable_channelz": 0 });
  server.addService(m.resourceGrpc.ResourceMonitorService, monitor);
  server.addService(m.engineGrpc.EngineService, engine);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => server.forceShutdown(), 2000);
        server.tryShutdown(() => {
          clearTimeout(t);
          resolve();
        });
      }),
  };
}

/** A registration's aliases (Alias messages: a URN, or a spec). */
function aliasesOf(r: Message): AliasSpec[] {
  return r.getAliasesList().map((a: Message): AliasSpec => {
    if (a.hasSpec && !a.hasSpec()) return { urn: a.getUrn() };
    const s = a.getSpec();
    return {
      name: s.getName(),
      type: s.getType(),
      stack: s.getStack(),
      project: s.getProject(),
      parentUrn: s.getParenturn(),
      noParent: s.getNoparent(),
    };
  });
}

/** A registration's dependencies per input (`forEach` hands the map's values as messages; `toArray` as raw arrays). */
function propertyDependenciesOf(r: Message): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  r.getPropertydependenciesMap().forEach((v: Message, k: string) => {
    out[k] = v.getUrnsList();
  });
  return out;
}
