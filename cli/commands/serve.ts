import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class Serve extends GantryCommand {
  static override summary = "Serve the OpenStack Heat v1 REST API over gantry's stacks (foreground; Ctrl-C stops)";
  static override description =
    "Stacks, templates, events and engine work live in the store (a SQLite file: --store, else GANTRY_STORE, else " +
    "./gantry-stacks.sqlite; or a PostgreSQL database, --store postgres://USER:PASSWORD@HOST:PORT/DB, which " +
    "several replicas share: each holds a lease on the stacks it works on and takes over those of a replica that " +
    "died once its leases expire). Every request needs an X-Auth-Token made by `gantry token create`. One line per " +
    "request goes to stderr. SIGTERM or Ctrl-C: no new requests, running work finished or marked failed, exit 0.";
  static override flags = {
    ...commonFlags,
    listen: Flags.string({ description: "address and port to listen on", default: "127.0.0.1:8004" }),
    store: Flags.string({ description: "the stack store (a SQLite file, or a postgres:// URL)" }),
    lease: Flags.integer({
      description:
        "with a PostgreSQL store: seconds a replica's unrenewed lease on a stack lasts before another takes over",
      default: 30,
      min: 1,
    }),
    "action-retry-limit": Flags.integer({
      description:
        "Heat's action_retry_limit: how many times a create whose object went to an error state (an OS::Heat::Stack " +
        "whose stack failed) is deleted and made again, with pauses of 2^n seconds between attempts",
      default: 5,
      min: 0,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Serve);
    const { parseListenAddress, runHeatApi } = await import("../../server/run-heat-api.js");
    const { host, port } = parseListenAddress(flags.listen);
    const { shownLocation, storeLocation } = await import("../../stacks/store-location.js");
    const { openStackStore } = await import("../../stacks/open-stack-store.js");
    const { StackService } = await import("../../stacks/stack-service.js");
    const { stackDataRoot } = await import("../../server/stack-data-root.js");
    const { hostname } = await import("node:os");
    const { randomUUID } = await import("node:crypto");
    const location = storeLocation(flags.store, process.env);
    const store = await openStackStore(location);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // the URL wait condition handles give out: known once the server listens (the port may be chosen then)
    let v1Url: string | undefined;
    const service = new StackService({
      engine: await this.engine(),
      store,
      dataRoot: stackDataRoot(location),
      replica: { owner, leaseMs: flags.lease * 1000, log },
      actionRetryLimit: flags["action-retry-limit"],
      heatUrl: () => v1Url,
    });
    for (const s of await service.recover()) log(`stack ${s.name} (${s.id}) was in progress at the last stop: failed`);
    const api = await runHeatApi({ operations: service, host, port, log, revision: this.config.version });
    v1Url = `${api.url}/v1`;
    const shared = store.leases ? `; replica ${owner}` : "";
    log(`gantry serve: Heat API v1 on ${api.url}/v1/{tenant_id} (store ${shownLocation(location)}${shared})`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    log("gantry serve: stopping");
    await api.stop();
  }
}
