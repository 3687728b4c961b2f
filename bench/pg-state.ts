// A 10,000-resource state read and written through the pg backend, against a fresh PostgreSQL 15 (the test
// harness's, test/postgres-server.ts). Prints ms per read, per write (one transaction: check serial and lineage,
// keep the version) and the bytes of one version.
//
//   node --import tsx bench/pg-state.ts [resources=10000] [rounds=10]

import { PgStateBackend } from "../engine/pg-state/pg-state-backend.js";
import { pgBackendSettings } from "../engine/pg-state/pg-backend-settings.js";
import { PgStateStore } from "../engine/pg-state/pg-state-store.js";
import { newState, serializeState, type State } from "../planner/state.js";
import { startPostgres } from "../test/postgres-server.js";

const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 10);

function bigState(n: number): State {
  const s = newState("bench");
  for (let i = 0; i < n; i++) {
    const address = `gantry_noop.r[${i}]`;
    s.instances.set(address, {
      address,
      type: "gantry_noop",
      name: "r",
      key: i,
      attributes: {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        input: `value ${i}`,
        output: `value ${i}`,
      },
      dependencies: i ? [`gantry_noop.r`] : [],
    });
  }
  return s;
}

const server = await startPostgres();
try {
  const url = await server.createDatabase("bench");
  const store = new PgStateStore(pgBackendSettings({ conn_str: url }, undefined, {}));
  const backend = new PgStateBackend(store, "default");
  await backend.read(); // migrations and the first connection are not measured
  const state = bigState(count);
  backend.writer(state); // the writer's first expectation: the empty workspace
  const writes: number[] = [];
  const reads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    state.outputs = { round: { value: r } };
    let t = performance.now();
    // one write as a StateWriter does it, without its coalescing wait: serialize, then one transaction
    state.serial++;
    if (!state.lineage) state.lineage = "bench";
    await backend.write(state, r === 0);
    writes.push(performance.now() - t);
    t = performance.now();
    const back = await backend.read();
    reads.push(performance.now() - t);
    if (back.instances.size !== count) throw new Error(`read ${back.instances.size} instances, wrote ${count}`);
  }
  const bytes = Buffer.byteLength(serializeState(state));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  console.log(
    JSON.stringify({
      bench: "pg-state",
      resources: count,
      rounds,
      bytesPerVersion: bytes,
      readMsMedian: Number(median(reads)),
      writeMsMedian: Number(median(writes)),
      versionsKept: (await backend.history()).length,
    }),
  );
  await store.close();
} finally {
  await server.stop();
}
