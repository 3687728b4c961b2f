// What `gantry pulumi preview|up|refresh|destroy` do after parsing: run the operation, render its events, set the
// exit code. Ctrl-C as in `pulumi`: the first cancels (running steps finish and are recorded, no new one starts),
// a second stops at once (the state recorded so far is saved and unlocked, the program is killed).

import { GantryError } from "../../../contract/diagnostics.js";
import { ImmediateStop } from "../../../engine/immediate-stop.js";
import { parseDuration } from "../../duration.js";
import { stopAtOnce } from "../../stop-at-once.js";

/** The program's time limit: the flag, else the environment's GANTRY_PULUMI_PROGRAM_TIMEOUT, else the default. */
function programTimeout(flag: string | undefined, env: string | undefined): number | undefined {
  if (flag !== undefined) return parseDuration(flag);
  if (env === undefined || env === "") return undefined;
  try {
    return parseDuration(env);
  } catch (e) {
    throw new GantryError(`GANTRY_PULUMI_PROGRAM_TIMEOUT: ${(e as Error).message}`);
  }
}

export async function runPulumiCommand(
  kind: "preview" | "up" | "refresh" | "destroy",
  dir: string,
  flags: { stack?: string; json: boolean; parallel: number; refresh?: boolean; "program-timeout"?: string },
  out: (text: string) => void,
): Promise<void> {
  const [{ Engine }, ops, { PulumiProgressRenderer }] = await Promise.all([
    import("../../../engine/engine.js"),
    import("../../../pulumi-engine/pulumi-operation.js"),
    import("../../../pulumi-engine/render-progress.js"),
  ]);
  const programTimeoutMs = programTimeout(flags["program-timeout"], process.env.GANTRY_PULUMI_PROGRAM_TIMEOUT);
  const engine = new Engine();
  const renderer = new PulumiProgressRenderer(out, flags.json);
  const graceful = new AbortController();
  const now = new ImmediateStop();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) stopAtOnce(now);
    if (!flags.json)
      out(
        "^C received; cancelling. If you would like to terminate immediately, press ^C again.\n" +
          "Steps in progress finish and are recorded; no new step starts.",
      );
    graceful.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const req = {
    dir,
    stack: flags.stack,
    parallel: flags.parallel,
    refresh: flags.refresh,
    programTimeoutMs,
    onEvent: renderer.handle,
    env: process.env,
    signal: graceful.signal,
    stopNow: now,
  };
  try {
    const outcome =
      kind === "destroy"
        ? await ops.destroyPulumiStack(engine, req)
        : kind === "refresh"
          ? await ops.refreshPulumiStack(engine, req)
          : await ops.runPulumiProgram(engine, req, kind === "preview");
    if (!outcome.ok) {
      if (!flags.json) process.stderr.write(`error: ${outcome.error ?? "the update failed"}\n`);
      process.exitCode = 1;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
