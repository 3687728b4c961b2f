// `gantry serve` run as users run it: the built CLI on a loopback port it
// chooses itself (`--listen 127.0.0.1:0`: no other process can take the port
// between a test's choosing and the server's listening) with a store of its
// own, ready once it says where it listens.
import { spawn } from "node:child_process";
import { join } from "node:path";

const BIN = join(new URL("../../", import.meta.url).pathname, "bin/run.js");

export interface Served {
  url: string;
  stderr: () => string;
  stop: () => Promise<number | null>;
  /** Sends `signal` (SIGKILL: a crash) and resolves with the exit code and signal. */
  kill: (signal: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function serve(store: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--listen", "127.0.0.1:0", "--store", store], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let err = "";
  let url = "";
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const exited = ended.then((e) => e.code);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gantry serve did not start:\n${err}`)), 120_000);
    child.stderr.on("data", (d) => {
      err += d;
      const listening = /Heat API v1 on (http:\/\/\S+)\/v1\/\{tenant_id\}/.exec(err);
      if (listening && !url) {
        url = listening[1] as string;
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
    url,
    stderr: () => err,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill: (signal) => {
      child.kill(signal);
      return ended;
    },
  };
}

/** Asks until `done` holds of the answer (the server works on in the background), for at most two minutes. */
export async function askUntil<T>(ask: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const v = await ask();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`still not done: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
