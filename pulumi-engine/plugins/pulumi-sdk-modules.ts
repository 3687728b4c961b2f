// The Pulumi Node SDK's generated gRPC stubs and protobuf classes, and the @grpc/grpc-js and google-protobuf they are
// built on, loaded through one `require` anchored at @pulumi/pulumi. One module instance serves every caller (Node's
// module cache), so a Struct made here is the Struct the stubs serialize, and a grpc credentials object belongs to
// the grpc-js the stubs were made with. Loading at run time also keeps them out of the CLI bundle.

import { createRequire } from "node:module";

type GrpcModule = typeof import("@grpc/grpc-js");
type ProviderGrpcModule = typeof import("@pulumi/pulumi/proto/provider_grpc_pb.js");
type ProviderPbModule = typeof import("@pulumi/pulumi/proto/provider_pb.js");
type PluginPbModule = typeof import("@pulumi/pulumi/proto/plugin_pb.js");
type EngineGrpcModule = typeof import("@pulumi/pulumi/proto/engine_grpc_pb.js");
type EnginePbModule = typeof import("@pulumi/pulumi/proto/engine_pb.js");
type StatusPbModule = typeof import("@pulumi/pulumi/proto/status_pb.js");
type StructPbModule = typeof import("google-protobuf/google/protobuf/struct_pb.js");
type EmptyPbModule = typeof import("google-protobuf/google/protobuf/empty_pb.js");

export interface PulumiSdkModules {
  /** The directory of the @pulumi/pulumi package these were loaded from. */
  sdkDir: string;
  grpc: GrpcModule;
  providerGrpc: ProviderGrpcModule;
  providerPb: ProviderPbModule;
  pluginPb: PluginPbModule;
  engineGrpc: EngineGrpcModule;
  enginePb: EnginePbModule;
  statusPb: StatusPbModule;
  structPb: StructPbModule;
  emptyPb: EmptyPbModule;
}

/**
 * The SDK's modules, from the @pulumi/pulumi that `fromDir` resolves (a program's own node_modules), else gantry's.
 */
export function loadPulumiSdkModules(fromDir?: string): PulumiSdkModules {
  const sdkPackageJson = resolvePulumiSdkFile("@pulumi/pulumi/package.json", fromDir);
  const sdkRequire = createRequire(sdkPackageJson);
  return {
    sdkDir: sdkPackageJson.slice(0, -"/package.json".length),
    grpc: sdkRequire("@grpc/grpc-js"),
    providerGrpc: sdkRequire("./proto/provider_grpc_pb.js"),
    providerPb: sdkRequire("./proto/provider_pb.js"),
    pluginPb: sdkRequire("./proto/plugin_pb.js"),
    engineGrpc: sdkRequire("./proto/engine_grpc_pb.js"),
    enginePb: sdkRequire("./proto/engine_pb.js"),
    statusPb: sdkRequire("./proto/status_pb.js"),
    structPb: sdkRequire("google-protobuf/google/protobuf/struct_pb.js"),
    emptyPb: sdkRequire("google-protobuf/google/protobuf/empty_pb.js"),
  };
}

/** The path of a file of the Pulumi SDK, resolved from `fromDir` first (as Pulumi's plugin scripts do), else gantry. */
export function resolvePulumiSdkFile(request: string, fromDir?: string): string {
  if (fromDir) {
    try {
      return createRequire(`${fromDir.replace(/\/$/, "")}/`).resolve(request);
    } catch {
      // not installed beside the program: use gantry's own
    }
  }
  return createRequire(import.meta.url).resolve(request);
}
