// A bounded HTTP load generator for loopback: `concurrency` clients, each
// sending GET after GET over a keep-alive connection (as a browser or a service
// client does), together at most `ratePerSecond`. Every request is counted:
// a 2xx answer is ok; any other status, a reset, a refused connection, a
// timeout or a connection closed without an answer is a failure.

import * as http from "node:http";
import { setTimeout as delay } from "node:timers/promises";

export interface LoadFigures {
  sent: number;
  ok: number;
  failed: number;
  /** Failed requests by what went wrong: "503", "ECONNRESET", "timeout", ... */
  failures: Record<string, number>;
  /**
   * From the start of the first failed request to the end of the last one, in ms (0 when none failed): how long
   * some request path was lost.
   */
  failureWindowMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

export interface Load {
  /** Stops sending, waits for the requests in flight, returns the figures. */
  stop(): Promise<LoadFigures>;
  /** Figures so far (requests in flight not counted). */
  now(): LoadFigures;
}

export function startLoad(
  url: string,
  opts: { concurrency?: number; ratePerSecond?: number; timeoutMs?: number } = {},
) {
  const concurrency = opts.concurrency ?? 8;
  const interval = (1000 * concurrency) / (opts.ratePerSecond ?? 200);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let firstFailure = Number.POSITIVE_INFINITY;
  let lastFailure = Number.NEGATIVE_INFINITY;
  let running = true;
  const started = performance.now();

  const fail = (why: string) => {
    failures[why] = (failures[why] ?? 0) + 1;
  };

  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      sent++;
      let settled = false;
      const settle = (why: string | null) => {
        if (settled) return;
        settled = true;
        const t1 = performance.now();
        latencies.push(t1 - t0);
        if (why === null) ok++;
        else {
          fail(why);
          firstFailure = Math.min(firstFailure, t0);
          lastFailure = Math.max(lastFailure, t1);
        }
        resolve();
      };
      const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
        res.on("data", () => undefined);
        res.once("end", () => settle(res.statusCode! >= 200 && res.statusCode! < 300 ? null : String(res.statusCode)));
        res.once("error", (e: NodeJS.ErrnoException) => settle(e.code ?? e.message));
      });
      req.once("timeout", () => {
        req.destroy();
        settle("timeout");
      });
      req.once("error", (e: NodeJS.ErrnoException) => settle(e.code ?? e.message));
    });

  const client = async () => {
    while (running) {
      const t0 = performance.now();
      await one();
      const rest = interval - (performance.now() - t0);
      if (rest > 0 && running) await delay(rest);
    }
  };
  const clients = Array.from({ length: concurrency }, client);

  const figures = (): LoadFigures => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    const counted = ok + Object.values(failures).reduce((a, b) => a + b, 0);
    return {
      sent: counted,
      ok,
      failed: counted - ok,
      failures: { ...failures },
      failureWindowMs: lastFailure >= firstFailure ? lastFailure - firstFailure : 0,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted.length ? sorted[sorted.length - 1]! : 0,
      seconds: (performance.now() - started) / 1000,
    };
  };

  return {
    async stop() {
      running = false;
      await Promise.all(clients);
      agent.destroy();
      if (sent !== figures().sent) throw new Error("a request was neither answered nor failed");
      return figures();
    },
    now: figures,
  } satisfies Load;
}

export function describeFigures(f: LoadFigures): string {
  const why = Object.entries(f.failures)
    .map(([k, v]) => `${v} × ${k}`)
    .join(", ");
  return (
    `requests sent ${f.sent}, failed ${f.failed}${why ? ` (${why})` : ""}, ` +
    `latency p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms, max ${f.maxMs.toFixed(0)} ms, ` +
    `over ${f.seconds.toFixed(1)} s`
  );
}
