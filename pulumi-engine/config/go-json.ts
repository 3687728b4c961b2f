// JSON text as Go's encoding/json writes it, which is what Pulumi hands to programs (structured config values,
// PULUMI_CONFIG): object keys sorted by their UTF-8 bytes, no spaces, and <, >, &, U+2028 and U+2029 escaped.

export function goJson(value: unknown): string {
  return write(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function write(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const obj = v as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
