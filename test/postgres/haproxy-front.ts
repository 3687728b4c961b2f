// A real HAProxy (2.6) in front of `gantry serve` replicas, as an operator runs it: one frontend on a free loopback
// port, the replicas as round-robin servers health-checked with GET / (gantry's version document answers 300).
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../cli/cli-harness.js";
import type { Replica } from "./serve-replica.js";

const HAPROXY = "/usr/sbin/haproxy";

export interface HaproxyFront {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** HAProxy's configuration: one frontend, the replicas as servers, each checked with GET / every 200 ms. */
function haproxyConfig(port: number, replicas: readonly Replica[]): string {
  return [
    "global",
    "  log stderr format short local0 warning",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 60s",
    "  timeout server 60s",
    "  retries 3",
    "  option redispatch",
    "frontend heat_api",
    `  bind 127.0.0.1:${port}`,
    "  default_backend gantry",
    "backend gantry",
    "  balance roundrobin",
    "  option httpchk GET /",
    "  http-check expect status 300",
    ...replicas.map((r, i) => `  server replica${i} 127.0.0.1:${r.port} check inter 200 fall 2 rise 2`),
    "",
  ].join("\n");
}

/** Starts HAProxy (config written in `dir`) and resolves once it answers with a replica's version document. */
export async function startHaproxyFront(dir: string, replicas: readonly Replica[]): Promise<HaproxyFront> {
  const port = await freePort("127.0.0.1");
  writeFileSync(join(dir, "haproxy.cfg"), haproxyConfig(port, replicas));
  const child: ChildProcess = spawn(HAPROXY, ["-db", "-f", join(dir, "haproxy.cfg")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (d) => (log += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await gone;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.status === 300,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`HAProxy did not answer:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url: `http://127.0.0.1:${port}`, stop };
}
