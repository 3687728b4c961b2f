// Walks a dependency graph of operations in parallel: at most `parallelism`
// at once (and at most `hostParallelism` per host), each started as soon as
// everything it depends on has finished. A failure skips its dependents
// only; an abort stops starting new work and lets running work finish.
// Nodes that can never start (a dependency cycle) end "blocked".

export interface WalkNode {
  id: string;
  /** Ids of nodes that must finish first. Unknown ids are ignored. */
  deps: string[];
  /** Absent for barrier nodes, which finish as soon as their dependencies do. */
  run?: () => Promise<void>;
  /** Nodes with the same host key share the per-host limit. */
  host?: string;
}

/** "blocked": never reached although nothing was aborted: the node waits, directly or not, on a dependency cycle. */
export type WalkOutcome = "done" | "failed" | "skipped" | "cancelled" | "blocked";

export interface WalkOptions {
  parallelism: number;
  hostParallelism?: number;
  signal?: AbortSignal;
  onSkip?: (id: string, because: string) => void;
}

export async function walk(nodes: WalkNode[], opts: WalkOptions): Promise<Map<string, WalkOutcome>> {
  const byId = new Map<string, WalkNode>();
  for (const n of nodes) byId.set(n.id, n);
  const pending = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const outcome = new Map<string, WalkOutcome>();
  const ready: string[] = [];
  for (const n of nodes) {
    let count = 0;
    for (const d of n.deps) {
      if (!byId.has(d) || d === n.id) continue;
      count++;
      let list = dependents.get(d);
      if (!list) dependents.set(d, (list = []));
      list.push(n.id);
    }
    pending.set(n.id, count);
    if (count === 0) ready.push(n.id);
  }

  const limit = Math.max(1, opts.parallelism);
  const hostLimit = opts.hostParallelism && opts.hostParallelism > 0 ? opts.hostParallelism : Infinity;
  const hostRunning = new Map<string, number>();
  const hostWaiting = new Map<string, string[]>();
  let running = 0;
  let readyHead = 0;
  let finished = 0;
  const total = nodes.length;

  return new Promise((resolveWalk) => {
    let resolved = false;
    const onAbort = () => pump();
    const resolve = (o: Map<string, WalkOutcome>) => {
      if (resolved) return;
      resolved = true;
      // one walk per apply, and reconcile --watch applies every round on one signal: do not leave a listener behind
      opts.signal?.removeEventListener("abort", onAbort);
      resolveWalk(o);
    };
    const skipDependents = (id: string, rootCause: string) => {
      const stack = [...(dependents.get(id) ?? [])];
      while (stack.length) {
        const d = stack.pop()!;
        if (outcome.has(d)) continue;
        outcome.set(d, "skipped");
        finished++;
        opts.onSkip?.(d, rootCause);
        stack.push(...(dependents.get(d) ?? []));
      }
    };
    const complete = (id: string, result: WalkOutcome) => {
      if (outcome.has(id)) return;
      outcome.set(id, result);
      finished++;
      if (result === "done") {
        for (const d of dependents.get(id) ?? []) {
          const left = pending.get(d)! - 1;
          pending.set(d, left);
          if (left === 0 && !outcome.has(d)) ready.push(d);
        }
      } else skipDependents(id, id);
    };
    const start = (n: WalkNode) => {
      running++;
      if (n.host !== undefined) hostRunning.set(n.host, (hostRunning.get(n.host) ?? 0) + 1);
      let p: Promise<void>;
      try {
        p = n.run!();
      } catch (e) {
        p = Promise.reject(e);
      }
      p.then(
        () => complete(n.id, "done"),
        () => complete(n.id, "failed"),
      ).finally(() => {
        running--;
        if (n.host !== undefined) {
          hostRunning.set(n.host, hostRunning.get(n.host)! - 1);
          const q = hostWaiting.get(n.host);
          if (q?.length) ready.push(q.shift()!);
        }
        pump();
      });
    };
    const pump = () => {
      while (readyHead < ready.length) {
        const id = ready[readyHead];
        const n = byId.get(id)!;
        if (outcome.has(id)) {
          readyHead++;
          continue;
        }
        if (!n.run) {
          readyHead++;
          complete(id, "done");
          continue;
        }
        if (opts.signal?.aborted) {
          readyHead++;
          outcome.set(id, "cancelled");
          finished++;
          continue;
        }
        if (running >= limit) break;
        readyHead++;
        if (n.host !== undefined && (hostRunning.get(n.host) ?? 0) >= hostLimit) {
          let q = hostWaiting.get(n.host);
          if (!q) hostWaiting.set(n.host, (q = []));
          q.push(id);
          continue;
        }
        start(n);
      }
      if (readyHead > 4096 && readyHead * 2 > ready.length) {
        ready.splice(0, readyHead);
        readyHead = 0;
      }
      if (running === 0 && (readyHead >= ready.length || opts.signal?.aborted)) {
        // nothing running and nothing startable: what is left was cancelled, or (without an abort) waits on a cycle
        const left: WalkOutcome = opts.signal?.aborted ? "cancelled" : "blocked";
        for (const n of nodes) if (!outcome.has(n.id)) outcome.set(n.id, left);
        resolve(outcome);
      } else if (finished === total && running === 0) resolve(outcome);
    };
    if (opts.signal) opts.signal.addEventListener("abort", onAbort, { once: true });
    pump();
  });
}

/** Runs `fn` over items with at most `limit` in flight; resolves to results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
