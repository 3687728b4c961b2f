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
  private readonly infos: Info[] = [];
  /** Node ids, made from the infos when first asked for (most callers need node numbers only). */
  private ids: string[] | undefined;
  private indexOf: Map<string, number> | undefined;
  private edgeFrom = new Int32Array(INITIAL_EDGES);
  private edgeTo = new Int32Array(INITIAL_EDGES);
  /** Edges added; repeated ones are dropped (keeping the first) when the graph is first read after adding. */
  private edges = 0;
  private packed: { outStart: Int32Array; out: Int32Array; inStart: Int32Array; in: Int32Array } | undefined;

  /** `idOf` names a node (ids are unique: a repeated one is an error when ids are first used). */
  constructor(private readonly idOf: (info: Info) => string) {}

  /** Number of nodes. */
  get order(): number {
    return this.infos.length;
  }

  /** Number of (distinct) edges. */
  get size(): number {
    this.pack();
    return this.edges;
  }

  /** Adds a node and returns its number; every node comes before the first edge. */
  addNode(info: Info): number {
    if (this.edges) throw new Error(`graph node "${this.idOf(info)}" added after the first edge`);
    this.ids = undefined;
    this.indexOf = undefined;
    return this.infos.push(info) - 1;
  }

  /** The number of node `id`, or undefined. */
  nodeNumber(id: string): number | undefined {
    return this.numbers().get(id);
  }

  hasNode(id: string): boolean {
    return this.numbers().has(id);
  }

  /** What node `id` stands for; throws for an unknown id. */
  info(id: string): Info {
    const n = this.numbers().get(id);
    if (n === undefined) throw new Error(`graph node "${id}" does not exist`);
    return this.infos[n];
  }

  idAt(n: number): string {
    return this.nodeIds()[n];
  }

  infoAt(n: number): Info {
    return this.infos[n];
  }

  /** Adds the edge from -> to (node numbers) unless it exists. */
  mergeEdge(from: number, to: number): void {
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
    const ids = this.nodeIds();
    for (let n = 0; n < ids.length; n++) callback(ids[n], this.infos[n]);
  }

  /** Every edge, in the order it was first added. */
  forEachEdge(callback: (from: string, to: string) => void): void {
    this.pack();
    const ids = this.nodeIds();
    for (let e = 0; e < this.edges; e++) callback(ids[this.edgeFrom[e]], ids[this.edgeTo[e]]);
  }

  /** Node numbers with an edge from node `n`, in edge order. */
  outNeighbors(n: number): number[] {
    const p = this.pack();
    return Array.from(p.out.subarray(p.outStart[n], p.outStart[n + 1]));
  }

  /** Node numbers with an edge to node `n`, in edge order. */
  inNeighbors(n: number): number[] {
    const p = this.pack();
    return Array.from(p.in.subarray(p.inStart[n], p.inStart[n + 1]));
  }

  /** How many edges end at node `n`. */
  inDegree(n: number): number {
    const p = this.pack();
    return p.inStart[n + 1] - p.inStart[n];
  }

  /** The `i`-th node (in edge order) with an edge to node `n`; 0 <= i < inDegree(n). */
  inNeighbor(n: number, i: number): number {
    const p = this.pack();
    return p.in[p.inStart[n] + i];
  }

  /**
   * Node numbers in dependency order (Kahn's algorithm, first in first out,
   * starting from the nodes without in-edges in node order), or undefined when
   * the graph has a cycle.
   */
  topologicalOrder(): Int32Array | undefined {
    const p = this.pack();
    const count = this.infos.length;
    const inDegree = new Int32Array(count);
    for (let n = 0; n < count; n++) inDegree[n] = p.inStart[n + 1] - p.inStart[n];
    const queue = new Int32Array(count);
    let tail = 0;
    for (let n = 0; n < count; n++) if (inDegree[n] === 0) queue[tail++] = n;
    for (let head = 0; head < tail; head++) {
      const n = queue[head];
      for (let i = p.outStart[n], end = p.outStart[n + 1]; i < end; i++)
        if (--inDegree[p.out[i]] === 0) queue[tail++] = p.out[i];
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
    const count = this.infos.length;
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

  private nodeIds(): string[] {
    this.ids ??= this.infos.map(this.idOf);
    return this.ids;
  }

  private numbers(): Map<string, number> {
    if (this.indexOf) return this.indexOf;
    const ids = this.nodeIds();
    const map = new Map<string, number>();
    for (let n = 0; n < ids.length; n++) {
      if (map.has(ids[n])) throw new Error(`graph node "${ids[n]}" exists twice`);
      map.set(ids[n], n);
    }
    this.indexOf = map;
    return map;
  }

  /** Drops repeated edges, keeping each one's first occurrence and the order of the rest (O(V+E), no hashing). */
  private dropRepeatedEdges(): void {
    const count = this.infos.length;
    // edge numbers grouped by target, in insertion order within a group (counting sort)
    const start = new Int32Array(count + 1);
    for (let e = 0; e < this.edges; e++) start[this.edgeTo[e] + 1]++;
    for (let n = 0; n < count; n++) start[n + 1] += start[n];
    const byTarget = new Int32Array(this.edges);
    const fill = start.slice(0, count);
    for (let e = 0; e < this.edges; e++) byTarget[fill[this.edgeTo[e]]++] = e;
    // within a target's group, a source seen before marks a repeated edge
    const repeated = new Uint8Array(this.edges);
    const seenFor = new Int32Array(count).fill(-1); // source -> the last target it was seen with
    for (let to = 0; to < count; to++)
      for (let i = start[to]; i < start[to + 1]; i++) {
        const e = byTarget[i];
        if (seenFor[this.edgeFrom[e]] === to) repeated[e] = 1;
        else seenFor[this.edgeFrom[e]] = to;
      }
    let kept = 0;
    for (let e = 0; e < this.edges; e++)
      if (!repeated[e]) {
        this.edgeFrom[kept] = this.edgeFrom[e];
        this.edgeTo[kept] = this.edgeTo[e];
        kept++;
      }
    this.edges = kept;
  }

  /** Compressed rows of out- and in-neighbours, each row in edge order. */
  private pack(): NonNullable<DependencyGraph<Info>["packed"]> {
    if (this.packed) return this.packed;
    this.dropRepeatedEdges();
    const count = this.infos.length;
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
