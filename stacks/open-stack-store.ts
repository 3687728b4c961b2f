// Opens the stack store at a location given by storeLocation (today always a SQLite file).

import { SqliteStackStore } from "./sqlite-stack-store.js";
import type { StackStore } from "./stack-store.js";

export function openStackStore(location: string): StackStore {
  return SqliteStackStore.open(location);
}
