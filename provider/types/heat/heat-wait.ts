// Waiting as Heat's test and delay resources do, for real, but given up at
// once when the operation is cancelled (its signal).

import { setTimeout as sleep } from "node:timers/promises";

/** Waits `seconds` (a negative number: until cancelled); rejects when `signal` aborts. */
export async function waitSeconds(seconds: number, signal: AbortSignal, what: string): Promise<void> {
  if (signal.aborted) throw cancelled(what);
  if (seconds === 0) return;
  try {
    if (seconds < 0) await new Promise((_resolve, reject) => signal.addEventListener("abort", reject, { once: true }));
    else await sleep(seconds * 1000, undefined, { signal });
  } catch {
    throw cancelled(what);
  }
}

function cancelled(what: string): Error {
  return new Error(`${what}: cancelled while waiting`);
}
