// HTTP requests to a framework (Marathon, Chronos) that runs on several
// masters: try the base URLs in order and fail over to the next one when an
// endpoint cannot be reached. Any master answers (a non-leader proxies to the
// leader), so the first reachable endpoint is used and remembered.
// Node's global fetch with a per-request timeout; no dependency.

import { setTimeout as delay } from "node:timers/promises";

export interface EndpointRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** Per-request timeout (default: the pool's). */
  timeoutMs?: number;
  /** Caller cancellation (e.g. the operation's signal): aborts without failing over. */
  signal?: AbortSignal;
}

export interface EndpointResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  /** The base URL that answered. */
  endpoint: string;
  method: string;
  url: string;
}

export interface EndpointAttempt {
  endpoint: string;
  error: string;
}

/** No endpoint answered (connection refused, DNS failure, timeout, 502/503/504). */
export class EndpointsUnreachableError extends Error {
  readonly attempts: EndpointAttempt[];
  constructor(service: string, what: string, attempts: EndpointAttempt[]) {
    super(
      `${service}: no endpoint answered ${what}; tried ${attempts.length} endpoint(s): ` +
        attempts.map((a) => `${a.endpoint} (${a.error})`).join("; "),
    );
    this.name = "EndpointsUnreachableError";
    this.attempts = attempts;
  }
}

export interface EndpointPoolOptions {
  /** Name used in error messages ("Marathon"). */
  service: string;
  /** Per-request timeout in ms (default 10000). */
  timeoutMs?: number;
}

/** Status codes that mean "this master cannot serve the request now": try the next one. */
const FAILOVER_STATUSES = new Set([502, 503, 504]);

export function normalizeEndpoint(e: string): string {
  return e.trim().replace(/\/+$/, "");
}

export class EndpointPool {
  readonly endpoints: string[];
  readonly service: string;
  readonly timeoutMs: number;
  private preferred = 0;

  constructor(endpoints: string[], opts: EndpointPoolOptions) {
    const list = endpoints.map(normalizeEndpoint).filter((e) => e !== "");
    if (list.length === 0) throw new Error(`${opts.service}: at least one endpoint (base URL) is required`);
    for (const e of list) {
      let u: URL;
      try {
        u = new URL(e);
      } catch {
        throw new Error(`${opts.service}: endpoint "${e}" is not a URL (expected e.g. http://master1:8080)`);
      }
      if (u.protocol !== "http:" && u.protocol !== "https:")
        throw new Error(`${opts.service}: endpoint "${e}" must be http:// or https://`);
    }
    this.endpoints = list;
    this.service = opts.service;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** The endpoint that answered last (tried first next time). */
  get current(): string {
    return this.endpoints[this.preferred]!;
  }

  async request(req: EndpointRequest): Promise<EndpointResponse> {
    const attempts: EndpointAttempt[] = [];
    const n = this.endpoints.length;
    const qs = req.query && Object.keys(req.query).length ? `?${new URLSearchParams(req.query).toString()}` : "";
    for (let i = 0; i < n; i++) {
      const idx = (this.preferred + i) % n;
      const endpoint = this.endpoints[idx]!;
      const url = endpoint + req.path + qs;
      req.signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(req.timeoutMs ?? this.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method: req.method,
          headers: {
            Accept: "application/json",
            ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          signal,
          redirect: "follow",
        });
        text = await res.text();
      } catch (e) {
        if (req.signal?.aborted) throw req.signal.reason ?? e;
        attempts.push({ endpoint, error: describeFetchError(e, timeout.aborted, req.timeoutMs ?? this.timeoutMs) });
        continue;
      }
      if (FAILOVER_STATUSES.has(res.status)) {
        attempts.push({ endpoint, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}` });
        continue;
      }
      this.preferred = idx;
      let json: unknown;
      if (text.trim() !== "") {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return { status: res.status, headers: res.headers, text, json, endpoint, method: req.method, url };
    }
    throw new EndpointsUnreachableError(this.service, `${req.method} ${req.path}`, attempts);
  }
}

function describeFetchError(e: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code;
  const msg = err.cause?.message ?? err.message ?? String(e);
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

/** Throws a readable error for an unexpected answer. */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(service: string, res: EndpointResponse, expected: string) {
    const detail = messageOf(res);
    super(
      `${service}: ${res.method} ${res.url} answered HTTP ${res.status} ` +
        `(expected ${expected})${detail ? `: ${detail}` : ""}`,
    );
    this.name = "HttpStatusError";
    this.status = res.status;
    this.body = res.json ?? res.text;
  }
}

/** The `message` of a JSON error body, or the start of the text body. */
export function messageOf(res: EndpointResponse): string {
  const j = res.json as { message?: unknown; errors?: unknown } | undefined;
  if (j && typeof j === "object" && typeof j.message === "string") {
    return j.errors !== undefined ? `${j.message} ${JSON.stringify(j.errors)}` : j.message;
  }
  return res.text.slice(0, 300);
}

/** Sleeps, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
