// What every contract double shares: an HTTP server on 127.0.0.1 (port 0),
// the log of requests it answered, and the writes among them.

import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body: unknown;
}

export abstract class HttpDouble {
  readonly requests: RecordedRequest[] = [];
  private server: http.Server | null = null;
  url = "";

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The request's URL, query and JSON body (the raw text when it is not JSON). */
  protected async readRequest(
    req: http.IncomingMessage,
  ): Promise<{ url: URL; query: Record<string, string>; body: unknown; method: string }> {
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    return { url, query: Object.fromEntries(url.searchParams), body, method: req.method ?? "GET" };
  }

  /** Requests that change something (POST, PUT, DELETE). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }
}
