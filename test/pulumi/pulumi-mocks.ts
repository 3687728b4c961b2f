// A Pulumi program's resources under pulumi.runtime.setMocks: what gantry's
// classes register (type tokens, inputs, options), with the mock answering as
// Pulumi's engine would (the inputs back, plus what the test says the provider
// computed). One program per process: the SDK's mock state is process-wide.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
/** gantry/pulumi as a program loads it (the package's export: the compiled classes). */
export const gantry = require("gantry/pulumi") as typeof import("../../pulumi/index.js");

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, any>;
  additionalSecretOutputs: string[];
}

/** Starts mocks; `computed` adds the outputs a provider would compute, by type token. */
export function mockPulumi(
  project: string,
  computed: (type: string, name: string, inputs: Record<string, any>) => Record<string, any> = () => ({}),
  config: Record<string, string> = {},
): Registration[] {
  const registered: Registration[] = [];
  pulumi.runtime.setAllConfig(config);
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { __provider: _p, ...inputs } = args.inputs;
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, additionalSecretOutputs: [] });
        return { id: `${args.name}-id`, state: { ...inputs, ...computed(args.type, args.name, args.inputs) } };
      },
      call: (args) => args.inputs,
    },
    project,
    "dev",
    false,
  );
  // the options the SDK sends with each registration (the mock's newResource does not see them)
  const settings = require("@pulumi/pulumi/runtime/settings");
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    const list = req.getAdditionalsecretoutputsList() as string[];
    const done = (err: any, res: any) => {
      const r = registered.find((x) => x.name === req.getName() && x.type === req.getType());
      if (r) r.additionalSecretOutputs = list;
      callback(err, res);
    };
    return register(req, done);
  };
  return registered;
}

/** An output's value (undefined while unknown). */
export function outputValue<T>(o: import("@pulumi/pulumi").Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

export function isSecret(o: import("@pulumi/pulumi").Output<unknown>): Promise<boolean> {
  return (o as unknown as { isSecret: Promise<boolean> }).isSecret;
}
