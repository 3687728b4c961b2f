// The host drivers of one engine: a driver per host (so every resource on a
// host shares it), created on first use; the sim fabric its simulated hosts
// live in; this machine as its local hosts share it. Nothing here is
// process-wide: two engines never share one (two engines installing packages
// at once wait on dpkg's own lock, as two gantry processes do).

import type { HostConnector, HostDriver, HostSpec } from "../../contract/host-driver.js";
import stableJson from "fast-json-stable-stringify";
import { LocalDriver } from "./local-driver.js";
import { LocalMachine } from "./local/local-machine.js";
import { SimDriver, SimFabric } from "./sim-driver.js";
import { SshDriver } from "./ssh-driver.js";

/** Names of the host drivers gantry has. */
export const HOST_DRIVER_NAMES = ["local", "ssh", "sim"] as const;

export class HostConnections implements HostConnector {
  /** The simulated hosts of this engine. */
  readonly simFabric: SimFabric;
  private readonly drivers = new Map<string, HostDriver>();
  private machine: LocalMachine | undefined;

  constructor(opts: { simFabric?: SimFabric } = {}) {
    this.simFabric = opts.simFabric ?? new SimFabric();
  }

  /**
   * The driver for a host, cached per name, driver, root, address and
   * options, so every resource on a host shares one driver object.
   */
  connect(spec: HostSpec): HostDriver {
    for (const field of ["name", "driver", "address", "root"] as const) {
      if (typeof spec[field] !== "string" || spec[field].length === 0) {
        throw new Error(`host ${JSON.stringify(spec.name ?? "?")}: "${field}" must be a non-empty string`);
      }
    }
    const key = [spec.driver, spec.name, spec.root, spec.address, stableJson(spec.options ?? {})].join("\0");
    let driver = this.drivers.get(key);
    if (!driver) {
      driver = this.create({ ...spec, options: spec.options ? { ...spec.options } : undefined });
      this.drivers.set(key, driver);
    }
    return driver;
  }

  /** Closes the drivers' connections (ssh hosts); a later operation connects again. */
  close(): void {
    for (const driver of this.drivers.values()) driver.close?.();
  }

  private create(spec: HostSpec): HostDriver {
    switch (spec.driver) {
      case "local":
        // local hosts share this machine: one apt queue and package look-ups for all of them
        this.machine ??= new LocalMachine();
        return new LocalDriver(spec, this.machine);
      case "ssh":
        // one connection per host, made on first use and kept for the engine's life
        return new SshDriver(spec);
      case "sim":
        return new SimDriver(spec, this.simFabric);
      default:
        throw new Error(
          `host "${spec.name}": unknown host driver "${spec.driver}" (known drivers: ${HOST_DRIVER_NAMES.join(", ")})`,
        );
    }
  }
}
