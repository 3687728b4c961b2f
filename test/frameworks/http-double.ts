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

  /** Requests that change something (POST, PUT, DELETE). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }
}
