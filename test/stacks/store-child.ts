// A second process on one stack store file, for the durability and concurrency tests:
//   crash FILE     commits stacks one transaction each (stack, its event, its engine state), printing each number
//                  when committed, until killed
//   hold FILE GO   opens a write transaction, prints "holding", keeps it until the file GO exists, commits,
//                  prints "committed"
import { existsSync } from "node:fs";
import { newState } from "../../planner/state.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { aStack, anEvent, Clock } from "./store-fixtures.js";

const [mode, file, go] = process.argv.slice(2);
const store = SqliteStackStore.open(file!);
const clock = new Clock();

if (mode === "crash") {
  for (let i = 0; ; i++) {
    const s = aStack(clock, { name: `crash-${i}`, status: "IN_PROGRESS" });
    await store.transaction(async () => {
      await store.insertStack(s);
      await store.addEvent(anEvent(clock, s.id, { resourceName: `crash-${i}` }));
      const state = newState("test");
      state.lineage = s.id;
      state.serial = i;
      await store.stateBackend(s.id).replace(state);
    });
    process.stdout.write(`${i}\n`);
  }
} else if (mode === "hold") {
  await store.transaction(async () => {
    await store.insertStack(aStack(clock, { name: "held" }));
    process.stdout.write("holding\n");
    while (!existsSync(go!)) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  process.stdout.write("committed\n");
  await store.close();
}
