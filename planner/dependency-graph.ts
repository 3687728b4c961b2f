// A directed graph sized for 100,000s of nodes: nodes are numbered in the
// order they are added, edges are kept once (a repeated edge is merged) in
// the order they are first added, and adjacency is packed into typed arrays
// (compressed rows) the first time it is read. Iteration orders are those of
// a graphology DirectedGraph built by the same calls: nodes and edges in
// insertion order, each node's in- and out-neighbours in the order of their
// first edge.

/** The first edge-list length a graph allocates; it doubles as edges are added. */
const INITIAL_EDGES = 16;

export class DependencyGraph<Info> {
  private readonly ids: string[] = [];
  private readonly infos: Info[] = [];
  private readonly indexOf = new Map<string, number>();
  private edgeFrom = new Int32Array(INITIAL_EDGES);
  private edgeTo = new Int32Array(INITIAL_EDGES);
  private edges = 0;
  /** Each edge as from * order + to: merges repeated edges. Nodes are all added before the first edge. */
  private readonly edgeKeys = new Set<number>();
  private packed: { outStart: Int32Array; out: Int32Array; inStart: Int32Array; in: Int32Array } | undefined;

  /** Number of nodes. */
  get order(): number {
    return this.ids.length;
  }

  /** Number of (distinct) edges. */
  get size(): number {
    return this.edges;
  }

  /** Adds a node and returns its number; ids must be unique, and every node comes before the first edge. */
  addNode(id: string, info: Info): number {
    if (this.indexOf.has(id)) throw new Error(`graph node "${id}" already exists`);
    if (this.edges) throw new Error(`graph node "${id}" added after the first edge`);
    const n = this.ids.length;
    this.ids.push(id);
    this.infos.push(info);
    this.indexOf.set(id, n);
    return n;
  }

  /** The number of node `id`, or undefined. */
  nodeNumber(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  hasNode(id: string): boolean {
    return this.indexOf.has(id);
  }

  /** What node `id` stands for; throws for an unknown id. */
  info(id: string): Info {
    const n = this.indexOf.get(id);
    if (n === undefined) throw new Error(`graph node "${id}" does not exist`);
    return this.infos[n];
  }

  idAt(n: number): string {
    return this.ids[n];
  }

  infoAt(n: number): Info {
    return this.infos[n];
  }

  /** Adds the edge from -> to (node numbers) unless it exists. */
  mergeEdge(from: number, to: number): void {
    const key = from * this.ids.length + to;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    if (this.edges === this.edgeFrom.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.edgeFrom = grow(this.edgeFrom);
      this.edgeTo = grow(this.edgeTo);
    }
    this.edgeFrom[this.edges] = from;
    this.edgeTo[this.edges] = to;
    this.edges++;
    this.packed = undefined;
  }

  forEachNode(callback: (id: string, info: Info) => void): void {
    for (let n = 0; n < this.ids.length; n++) callback(this.ids[n], this.infos[n]);
  }

  /** Every edge, in the order it was first added. */
  forEachEdge(callback: (from: string, to: string) => void): void {
    for (let e = 0; e < this.edges; e++) callback(this.ids[this.edgeFrom[e]], this.ids[this.edgeTo[e]]);
  }

  /** Node numbers with an edge from node `n`, in edge order. */
  outNeighbors(n: number): Int32Array {
    const p = this.pack();
    return p.out.subarray(p.outStart[n], p.outStart[n + 1]);
  }

  /** Node numbers with an edge to node `n`, in edge order. */
  inNeighbors(n: number): Int32Array {
    const p = this.pack();
    return p.in.subarray(p.inStart[n], p.inStart[n + 1]);
  }

  /**
   * Node numbers in dependency order (Kahn's algorithm, first in first out,
   * starting from the nodes without in-edges in node order), or undefined when
   * the graph has a cycle.
   */
  topologicalOrder(): Int32Array | undefined {
    const p = this.pack();
    const count = this.ids.length;
    const inDegree = new Int32Array(count);
    for (let n = 0; n < count; n++) inDegree[n] = p.inStart[n + 1] - p.inStart[n];
    const queue = new Int32Array(count);
    let tail = 0;
    for (let n = 0; n < count; n++) if (inDegree[n] === 0) queue[tail++] = n;
    for (let head = 0; head < tail; head++) {
      const n = queue[head];
      for (let i = p.outStart[n], end = p.outStart[n + 1]; i < end; i++) if (--inDegree[p.out[i]] === 0) queue[tail++] = p.out[i];
    }
    return tail === count ? queue : undefined;
  }

  /**
   * One cycle as its node numbers, the last one's edge pointing back to the first
   * walked backwards (iterative depth-first search from each node in node order, O(V+E));
   * empty when there is none.
   */
  findCycle(): number[] {
    const p = this.pack();
    const count = this.ids.length;
    const color = new Uint8Array(count); // 0 unseen, 1 on the stack, 2 done
    const parent = new Int32Array(count);
    const stackNode = new Int32Array(count);
    const stackNext = new Int32Array(count);
    for (let start = 0; start < count; start++) {
      if (color[start]) continue;
      let depth = 0;
      stackNode[0] = start;
      stackNext[0] = p.outStart[start];
      color[start] = 1;
      while (depth >= 0) {
        const node = stackNode[depth];
        if (stackNext[depth] >= p.outStart[node + 1]) {
          color[node] = 2;
          depth--;
          continue;
        }
        const child = p.out[stackNext[depth]++];
        if (color[child] === 1) {
          // back edge node -> child: the cycle runs child -> ... -> node -> child along edges
          const path: number[] = [];
          for (let n = node; n !== child; n = parent[n]) path.push(n);
          path.push(child);
          return path;
        }
        if (color[child] === 0) {
          color[child] = 1;
          parent[child] = node;
          depth++;
          stackNode[depth] = child;
          stackNext[depth] = p.outStart[child];
        }
      }
    }
    return [];
  }

  /** Compressed rows of out- and in-neighbours, each row in edge order. */
  private pack(): NonNullable<DependencyGraph<Info>["packed"]> {
    if (this.packed) return this.packed;
    const count = this.ids.length;
    const outStart = new Int32Array(count + 1);
    const inStart = new Int32Array(count + 1);
    for (let e = 0; e < this.edges; e++) {
      outStart[this.edgeFrom[e] + 1]++;
      inStart[this.edgeTo[e] + 1]++;
    }
    for (let n = 0; n < count; n++) {
      outStart[n + 1] += outStart[n];
      inStart[n + 1] += inStart[n];
    }
    const out = new Int32Array(this.edges);
    const into = new Int32Array(this.edges);
    const outFill = outStart.slice(0, count);
    const inFill = inStart.slice(0, count);
    for (let e = 0; e < this.edges; e++) {
      out[outFill[this.edgeFrom[e]]++] = this.edgeTo[e];
      into[inFill[this.edgeTo[e]]++] = this.edgeFrom[e];
    }
    this.packed = { outStart, out, inStart, in: into };
    return this.packed;
  }
}
