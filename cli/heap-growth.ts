// How far V8 lets the heap grow past what a full garbage collection found alive, for the CLI's process.
//
// V8 picks the factor itself (up to 4, the higher the less of the run its collections take), so a large run keeps
// far more garbage than live data: a no-change plan of 100,000 `*.gantry.yaml` resources, whose live data never
// passes about 310 MB, reached 800 MB of peak RSS (its last full collection, while the YAML document was still alive,
// set a limit of some 700 MB that the run never reached). With the factor fixed at 1.75 the same plan peaks at about
// 480 MB for the same CPU (figures in the README's Benchmarks section).
//
// Set once the engine is loaded, not at start: set first thing, it cost a one-resource plan some 40 ms of CPU more
// (Node's built-in modules loaded after a V8 flag changes appear to miss their code cache).

import { setFlagsFromString } from "node:v8";

/** The heap may grow to 1 + HEAP_GROWING_PERCENT / 100 times what the last full collection left alive. */
export const HEAP_GROWING_PERCENT = 75;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
