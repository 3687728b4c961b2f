// Durations as typed on the command line: 500ms, 30s, 5m, 1h (a bare number is seconds).

import ms from "ms";
import { GantryError } from "../contract/diagnostics.js";

export function parseDuration(text: string): number {
  const t = text.trim();
  const n = /^\d+(\.\d+)?$/.test(t)
    ? Number(t) * 1000
    : /^\d+(\.\d+)?(ms|s|m|h)$/.test(t)
      ? ms(t as ms.StringValue)
      : NaN;
  if (!Number.isFinite(n)) throw new GantryError(`invalid duration "${text}": expected e.g. 500ms, 30s, 5m`);
  return n;
}
