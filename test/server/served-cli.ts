// `gantry serve` run as users run it: the built CLI on a free loopback port
// with a store of its own, ready once it says where it listens.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../cli/cli-harness.js";

const BIN = join(new URL("../../", import.meta.url).pathname, "bin/run.js");

export interface Served {
  url: string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

export async function serve(store: string): Promise<Served> {
  const port = await freePort("127.0.0.1");
  const child = spawn(process.execPath, [BIN, "serve", "--listen", `127.0.0.1:${port}`, "--store", store], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gantry serve did not start:\n${err}`)), 120_000);
    child.stderr.on("data", (d) => {
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
  return {
    url: `http://127.0.0.1:${port}`,
    stderr: () => err,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
