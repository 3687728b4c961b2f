// `gantry serve` replicas as users run them: the built CLI, each on its own free loopback port and in its own working
// directory (its stacks' working data, as on separate machines), all on one store.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../cli/cli-harness.js";

const BIN = join(new URL("../../", import.meta.url).pathname, "bin/run.js");

export interface Replica {
  url: string;
  port: number;
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `gantry serve --store STORE --lease SECONDS` in `cwd`; resolves once it listens. */
export async function startReplica(store: string, cwd: string, leaseSeconds: number): Promise<Replica> {
  const port = await freePort("127.0.0.1");
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--listen", `127.0.0.1:${port}`, "--store", store, "--lease", String(leaseSeconds)],
    { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gantry serve did not start:\n${err}`)), 120_000);
    child.stderr?.on("data", (d) => {
      err += d;
      if (err.includes("Heat API v1 on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gantry serve exited (${code}):\n${err}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, port, child, stderr: () => err, exited };
}

/** Stops the replicas still running (SIGTERM) and waits for them. */
export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  for (const r of replicas) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGTERM");
    await r.exited;
  }
}
