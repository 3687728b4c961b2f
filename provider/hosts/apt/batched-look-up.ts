// Look-ups asked for in one moment share one command: dpkg-query and
// apt-cache take a noticeable time to start, and a plan asks about many
// packages at once. The look-up function answers for all the names of a
// batch; a name it leaves out, or a look-up that fails, answers null.

type Answers = Map<string, string | null>;

export class BatchedLookUp {
  private waiting = new Map<string, ((answer: string | null) => void)[]>();

  constructor(private readonly lookUp: (names: string[]) => Promise<Answers>) {}

  /** The answer for `name`, looked up together with the other names asked for before the next turn. */
  get(name: string): Promise<string | null> {
    return new Promise((resolve) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      const resolvers = this.waiting.get(name) ?? [];
      resolvers.push(resolve);
      this.waiting.set(name, resolvers);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    const found = await this.lookUp([...batch.keys()]).catch((): Answers => new Map());
    for (const [name, resolvers] of batch) for (const resolve of resolvers) resolve(found.get(name) ?? null);
  }
}
