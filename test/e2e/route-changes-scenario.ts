// examples/mesos-cluster on local hosts with HTTP load through HAProxy while the
// routes change: the web app scaled 3 → 10 → 2, every instance replaced one by
// one (a new command rolls the app), one instance killed and repaired by
// `gantry reconcile` (each further round starts from 2 instances). Each step is
// a real CLI run; the load runs throughout and counts every request. Shared by
// the e2e test and the longer stress script.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { gantryAsync } from "../cli/cli-harness.js";
import { startLoad, type LoadFigures } from "./http-load.js";
import { quietLoopbackPrefix } from "./quiet-loopback-prefix.js";

const EXAMPLE = new URL("../../examples/mesos-cluster/", import.meta.url).pathname;

export interface Step {
  what: string;
  seconds: number;
  /** Requests (and failures) while this step ran. */
  sent: number;
  failed: number;
}

export interface RouteChangesResult {
  figures: LoadFigures;
  steps: Step[];
}

export interface RouteChangesOptions {
  /** How many times the whole sequence of changes runs (1 in the test). */
  rounds?: number;
  concurrency?: number;
  ratePerSecond?: number;
  /**
   * Whether the configuration changes (scaling, the new command) refresh first (default true); the repair of the
   * killed instance always does (that is how it is found).
   */
  refresh?: boolean;
  log?: (line: string) => void;
}

export async function runRouteChanges(opts: RouteChangesOptions = {}): Promise<RouteChangesResult> {
  const log = opts.log ?? (() => undefined);
  const prefix = quietLoopbackPrefix();
  const dir = mkdtempSync(join(tmpdir(), "gantry-routes-"));
  const cfg = join(dir, "cluster.gantry.yaml");
  cpSync(join(EXAMPLE, "cluster.gantry.yaml"), cfg);
  const original = readFileSync(cfg, "utf8");
  const url = `http://${prefix}.7:10000/`;
  const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));

  const cli = async (args: string[]) => {
    const r = await gantryAsync([...args, "-var", `address_prefix=${prefix}`, dir]);
    if (r.code !== 0)
      throw new Error(`gantry ${args.join(" ")} exited ${r.code}:\n${(r.stdout + r.stderr).slice(-3000)}`);
    return r.stdout;
  };
  const noRefresh = opts.refresh === false ? ["-refresh=false"] : [];
  const apply = (instances: number) =>
    cli(["apply", "-auto-approve", ...noRefresh, "-var", `web_instances=${instances}`]);

  try {
    log(`apply examples/mesos-cluster on ${prefix}.* (web: 3 instances)`);
    await cli(["apply", "-auto-approve", "-var", "web_instances=3"]);
    await untilServing(url, 3);
    const load = startLoad(url, { concurrency: opts.concurrency ?? 8, ratePerSecond: opts.ratePerSecond ?? 200 });
    const steps: Step[] = [];
    const step = async (what: string, run: () => Promise<unknown>) => {
      const before = load.now();
      const t0 = performance.now();
      await run();
      const after = load.now();
      const s = {
        what,
        seconds: (performance.now() - t0) / 1000,
        sent: after.sent - before.sent,
        failed: after.failed - before.failed,
      };
      steps.push(s);
      log(`  ${what}: ${s.seconds.toFixed(1)} s, ${s.sent} requests, ${s.failed} failed`);
    };
    let failure: unknown = null;
    try {
      await delay(1000);
      let current = 3;
      for (let round = 1; round <= (opts.rounds ?? 1); round++) {
        await step(`scale ${current} → 10`, () => apply(10));
        await step("scale 10 → 2", () => apply(2));
        await step("rolling replacement of every instance (new command)", async () => {
          writeFileSync(cfg, original.replace('echo "web $MESOS_TASK_ID', `echo "web r${round + 1} $MESOS_TASK_ID`));
          const out = await apply(2);
          for (const task of ["web-1", "web-2"])
            if (!out.includes(`gantry_service.mesos_app_web["${task}"]: Modifications complete`))
              throw new Error(`the new command did not replace ${task}:\n${out}`);
        });
        await step("kill one instance, reconcile repairs it", async () => {
          const victim = state().resources.find((r: any) => r.address === 'gantry_service.mesos_app_web["web-1"]');
          process.kill(victim.attributes.pid, "SIGKILL");
          // HAProxy meets the dead instance before gantry does: its requests go to the other one
          await delay(3000);
          const out = await cli(["reconcile"]);
          if (!/repaired gantry_service\.mesos_app_web\["web-1"\]/.test(out))
            throw new Error(`reconcile did not repair web-1:\n${out}`);
        });
        current = 2;
      }
      await delay(1000);
    } catch (e) {
      failure = e;
    }
    const figures = await load.stop();
    if (failure !== null) throw failure;
    return { figures, steps };
  } finally {
    const destroy = ["destroy", "-auto-approve", "-refresh=false", "-var", `address_prefix=${prefix}`, dir];
    await gantryAsync(destroy).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits (bounded) until `instances` different instances answer through HAProxy. */
async function untilServing(url: string, instances: number): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) seen.add((await r.text()).trim());
    } catch {
      /* not yet */
    }
    if (seen.size >= instances) return;
    await delay(100);
  }
  throw new Error(`only ${seen.size} of ${instances} instances answered through HAProxy at ${url}: ${[...seen]}`);
}
