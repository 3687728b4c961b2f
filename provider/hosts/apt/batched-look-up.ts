// Look-ups asked for in one moment share one command: dpkg-query and
// apt-cache take a noticeable time to start, and a plan asks about many
// packages at once. The look-up function answers for all the names of a
// batch; a name it leaves out, or a look-up that fails, answers null (a host
// that does not answer rejects every waiter with its HostUnreachableError).

import { isHostUnreachable } from "../../../contract/host-driver.js";

type Answers = Map<string, string | null>;
type Waiter = { resolve: (answer: string | null) => void; reject: (e: Error) => void };

export class BatchedLookUp {
  private waiting = new Map<string, Waiter[]>();

  constructor(private readonly lookUp: (names: string[]) => Promise<Answers>) {}

  /** The answer for `name`, looked up together with the other names asked for before the next turn. */
  get(name: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      const waiters = this.waiting.get(name) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(name, waiters);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    let found: Answers;
    try {
      found = await this.lookUp([...batch.keys()]);
    } catch (e) {
      if (isHostUnreachable(e)) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
        return;
      }
      found = new Map();
    }
    for (const [name, waiters] of batch) for (const w of waiters) w.resolve(found.get(name) ?? null);
  }
}
