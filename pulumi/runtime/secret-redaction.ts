// Secrets never reach gantry's own records or logs in plain text: every line
// gantry/pulumi keeps or reports (a type's log and warnings, an error) has the
// text of each secret input replaced by "[secret]". Which inputs are secrets
// the resource class tells the provider (`__gantry.secrets`), since Pulumi's
// engine hands dynamic providers plain values.

import type { Value } from "../../contract/values.js";

export const REDACTED = "[secret]";

/** Texts shorter than this are not searched for (a secret "1" would blank every digit). */
const SHORTEST = 3;

export class SecretRedaction {
  private readonly texts: string[];

  /** `values`: the secret inputs' values; every string (and number) inside them is hidden. */
  constructor(values: readonly Value[]) {
    const found = new Set<string>();
    const walk = (v: Value) => {
      if (typeof v === "string" || typeof v === "number") {
        const text = String(v);
        if (text.length >= SHORTEST) found.add(text);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x as Value);
    };
    values.forEach(walk);
    // longest first: a secret that contains another is hidden whole
    this.texts = [...found].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.texts.length === 0;
  }

  /** The text with every secret replaced. */
  redact(text: string): string {
    let out = text;
    for (const s of this.texts) out = out.split(s).join(REDACTED);
    return out;
  }
}
