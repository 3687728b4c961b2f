import * as Flags from "@oclif/core/flags";
import {
  commonFlags,
  dirArg,
  GantryCommand,
  parseDuration,
  planFlags,
  stackFlags,
  stateFlags,
  varFlags,
} from "../base-command.js";

export default class Reconcile extends GantryCommand {
  static override summary = "Keep the hosts at the configuration's goal state: detect drift and repair it";
  static override description =
    "Refreshes, plans and applies the repairs, once, or on an interval with --watch, logging each detection and " +
    "repair with a timestamp. A repair that keeps failing is retried with exponential backoff and given up after " +
    "--max-retries attempts. Ctrl-C stops cleanly, leaving the state unlocked.";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...stateFlags,
    ...varFlags,
    ...planFlags,
    watch: Flags.boolean({ description: "keep reconciling on an interval until interrupted" }),
    interval: Flags.string({ description: "time between rounds", default: "10s" }),
    "max-retries": Flags.integer({ description: "failed attempts before a repair is given up", default: 5, min: 1 }),
    backoff: Flags.string({
      description: "delay after the first failed repair (doubles each time, at most 5m)",
      default: "5s",
    }),
    rounds: Flags.integer({ description: "stop after this many rounds", min: 1 }),
  };

  async run(): Promise<void> {
    const { planRequest, workspaceOptions } = await import("../workspace-flags.js");
    const { args, flags } = await this.parse(Reconcile);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const render = await this.renderer();
    const ws = await engine.openWorkspace(workspaceOptions(args.dir, flags));
    const { ImmediateStop } = await import("../../engine/immediate-stop.js");
    const { stopAtOnce } = await import("../stop-at-once.js");
    const stop = new AbortController();
    const now = new ImmediateStop();
    let interrupts = 0;
    const onSignal = () => {
      if (++interrupts > 1) stopAtOnce(now);
      process.stdout.write(
        `${new Date().toISOString()} stopping: letting the running repair finish, then releasing the state lock ` +
          "(Ctrl-C again to quit at once)\n",
      );
      stop.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const { lockTimeoutMs: _, ...request } = planRequest(flags);
      const reconciler = engine.reconciler(
        ws,
        {
          ...request,
          mode: flags["refresh-only"] ? "refresh-only" : "normal",
          watch: flags.watch,
          intervalMs: parseDuration(flags.interval),
          maxRetries: flags["max-retries"],
          backoffBaseMs: parseDuration(flags.backoff),
          backoffMaxMs: 300_000,
          rounds: flags.rounds,
        },
        render.onEvent,
      );
      const totals = await reconciler.run(stop.signal, now);
      if (!flags.watch && totals.failures) process.exitCode = 1;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
