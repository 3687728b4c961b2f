// A tiny `pulumirpc.Engine` service for plugin tests: plugins are given its address (the door serves its own). It
// records Log calls and keeps the root resource.
import { loadPulumiSdkModules } from "../../../pulumi-engine/plugins/pulumi-sdk-modules.js";

export interface EngineStub {
  address: string;
  logs: { severity: number; message: string; urn: string }[];
  stop(): Promise<void>;
}

export async function startEngineStub(): Promise<EngineStub> {
  const sdk = loadPulumiSdkModules();
  const { grpc, engineGrpc, enginePb, emptyPb } = sdk;
  const logs: EngineStub["logs"] = [];
  let root = "";
  const server = new grpc.Server();
  type Callback = (err: Error | null, resp?: unknown) => void;
  type Call<T> = { request: T };
  server.addService(engineGrpc.EngineService, {
    log(call: Call<InstanceType<typeof enginePb.LogRequest>>, cb: Callback) {
      const r = call.request;
      logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn() });
      cb(null, new emptyPb.Empty());
    },
    getRootResource(_call: unknown, cb: Callback) {
      cb(null, new enginePb.GetRootResourceResponse().setUrn(root));
    },
    setRootResource(call: Call<InstanceType<typeof enginePb.SetRootResourceRequest>>, cb: Callback) {
      root = call.request.getUrn();
      cb(null, new enginePb.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
