// Runs the Heat API on a socket until told to stop: one log line per
// answered request (method, path, status, milliseconds), and an orderly
// stop — no new requests, those in flight finished, then the stack
// operations closed (their work finished or marked failed, the store closed).

import type { AddressInfo } from "node:net";
import { buildHeatApi, type HeatApiOptions } from "./app.js";

export interface RunHeatApiOptions extends HeatApiOptions {
  host: string;
  port: number;
  /** Where the request log and notices go (one line each, no newline). */
  log: (line: string) => void;
}

export interface RunningHeatApi {
  /** "http://127.0.0.1:8004" (the port chosen, when 0 was asked). */
  url: string;
  port: number;
  /** Stops taking requests, lets those in flight finish, closes the operations. Idempotent. */
  stop(): Promise<void>;
}

export async function runHeatApi(opts: RunHeatApiOptions): Promise<RunningHeatApi> {
  const app = await buildHeatApi({
    ...opts,
    onRequestDone: (e) => opts.log(`${e.method} ${e.path} ${e.status} ${Math.round(e.ms)}ms`),
    onUnexpectedError: (err) => opts.log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  await app.listen({ host: opts.host, port: opts.port });
  const port = (app.server.address() as AddressInfo).port;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        try {
          await app.close();
        } finally {
          await opts.operations.close();
        }
      })();
      return stopping;
    },
  };
}

/** "127.0.0.1:8004", "[::1]:8004", ":8004" or "8004" as host and port. */
export function parseListenAddress(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--listen: "${text}" is not HOST:PORT (e.g. 127.0.0.1:8004)`);
  }
  return { host: m[1] || m[2] || "127.0.0.1", port };
}
