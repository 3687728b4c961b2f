// A TCP port number, as every generated configuration and haproxy.cfg takes it.
// In provider/formats, not blueprints/services: haproxy-cfg.ts needs it at apply time, and provider never
// imports blueprints (blueprints/services imports it from here).

export function isPort(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n > 0 && n < 65536;
}

export function checkPort(what: string, n: unknown): number {
  if (!isPort(n)) throw new Error(`${what} must be a TCP port 1..65535 (got ${JSON.stringify(n)})`);
  return n;
}
