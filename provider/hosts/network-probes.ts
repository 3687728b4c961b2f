// Health probes from this machine to a host's address: is a TCP port open,
// what does a TCP peer answer to a few bytes, what does an HTTP GET return.
// Any driver whose hosts this machine can reach over the network uses them.

import * as net from "node:net";

/** Bytes of an answer kept (the rest is read and dropped). */
const MAX_ANSWER = 65536;

export class NetworkProbes {
  constructor(private readonly address: string) {}

  /** Whether a TCP connection to the port succeeds within the timeout. */
  checkTcp(port: number, timeoutMs = 2000): Promise<boolean> {
    return new Promise((resolve) => {
      const sock = net.connect({ host: this.address, port });
      let settled = false;
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        resolve(ok);
      };
      sock.setTimeout(timeoutMs, () => {
        settle(false);
        sock.destroy();
      });
      // Connected is healthy. Then close politely: half-close, read what the
      // service sends until it closes too. Destroying the socket at once would
      // reset the connection under a service that greets its clients, and a
      // service may well fail on that.
      sock.once("connect", () => {
        settle(true);
        sock.resume();
        sock.end();
      });
      sock.on("error", () => {
        settle(false);
        sock.destroy();
      });
      sock.once("close", () => settle(false));
    });
  }

  /** Sends `send`, returns what the peer answered until it closed or the timeout; null when no connection. */
  tcpExchange(port: number, send: string, timeoutMs = 2000): Promise<string | null> {
    return socketExchange({ host: this.address, port }, send, timeoutMs);
  }

  /** GET `path`: ok for statuses 200-399, with status and body; { ok: false } when no answer. */
  async checkHttp(
    port: number,
    path: string,
    timeoutMs = 2000,
  ): Promise<{ ok: boolean; status?: number; body?: string }> {
    // Node's HTTP client is loaded by the first HTTP probe, not with every engine (a plan seldom probes)
    const http = await import("node:http");
    return new Promise((resolve) => {
      const target = { host: this.address, port, path: path.startsWith("/") ? path : `/${path}` };
      const req = http.get({ ...target, timeout: timeoutMs, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let n = 0;
        res.on("data", (c: Buffer) => {
          if (n < MAX_ANSWER) chunks.push(c);
          n += c.length;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 400, status, body: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", () => resolve({ ok: false, status: res.statusCode }));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve({ ok: false }));
    });
  }
}

/**
 * Connects (TCP or a Unix socket path), sends `send`, returns what the peer answered until it closed or the timeout;
 * null when no connection.
 */
export function socketExchange(target: net.NetConnectOpts, send: string, timeoutMs = 2000): Promise<string | null> {
  return new Promise((resolve) => {
    const sock = net.connect(target);
    const chunks: Buffer[] = [];
    let size = 0;
    let connected = false;
    const done = () => {
      sock.destroy();
      resolve(connected ? Buffer.concat(chunks).toString("utf8") : null);
    };
    sock.setTimeout(timeoutMs, done);
    sock.once("connect", () => {
      connected = true;
      sock.write(send);
    });
    sock.on("data", (c: Buffer) => {
      if (size < MAX_ANSWER) chunks.push(c);
      size += c.length;
    });
    sock.once("end", done);
    sock.once("error", done);
  });
}
