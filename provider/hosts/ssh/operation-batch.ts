// The driver's own short scripts asked for in one moment share one round
// trip: a refresh reads the files, process states and unit states of all a
// host's resources at once, and each would otherwise be a channel of its own.
// Each script runs in a subshell of one batch script; its exit code, stdout and
// stderr come back framed by a header line with their byte lengths.

import type { CommandResult } from "../../../contract/host-driver.js";

const HEADER = "@@gantry-batch";

interface Waiting {
  script: string;
  resolve: (r: CommandResult) => void;
  reject: (e: Error) => void;
}

export class OperationBatch {
  private waiting: Waiting[] = [];

  /** `send` runs one script and answers its raw stdout. */
  constructor(
    private readonly send: (script: string) => Promise<CommandResult & { stdoutBytes: Buffer }>,
    private readonly single: (script: string) => Promise<CommandResult>,
  ) {}

  /** Runs `script` together with the others asked for before the next turn of the event loop. */
  run(script: string): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ script, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 1) {
      const only = batch[0]!;
      this.single(only.script).then(only.resolve, only.reject);
      return;
    }
    try {
      const r = await this.send(batchScript(batch.map((w) => w.script)));
      const results = parseBatch(r.stdoutBytes, batch.length);
      if (results === null) {
        const why = new Error(`a batch of ${batch.length} operations failed: ${r.stderr.trim() || r.exitCode}`);
        for (const w of batch) w.reject(why);
        return;
      }
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      for (const w of batch) w.reject(e as Error);
    }
  }
}

/** One script running each of `scripts` in a subshell, their outputs kept apart and framed. */
export function batchScript(scripts: readonly string[]): string {
  const parts = scripts.map(
    (s) =>
      `(\n${s}\n) </dev/null >"$d/o" 2>"$d/e"; c=$?\n` +
      `printf '${HEADER} %s %s %s\\n' "$c" "$(wc -c < "$d/o")" "$(wc -c < "$d/e")"; cat "$d/o" "$d/e"`,
  );
  return `d=$(mktemp -d) || exit 1\ntrap 'rm -rf "$d"' EXIT\n${parts.join("\n")}\n`;
}

/** The results framed in a batch's stdout, or null when it holds fewer than `count`. */
export function parseBatch(out: Buffer, count: number): CommandResult[] | null {
  const results: CommandResult[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = out.indexOf(10, at);
    if (end < 0) return null;
    const m = new RegExp(`^${HEADER} (\\d+) +(\\d+) +(\\d+)$`).exec(out.subarray(at, end).toString("latin1"));
    if (!m) return null;
    const outLength = Number(m[2]);
    const errLength = Number(m[3]);
    const start = end + 1;
    if (start + outLength + errLength > out.length) return null;
    results.push({
      exitCode: Number(m[1]),
      stdout: out.subarray(start, start + outLength).toString("utf8"),
      stderr: out.subarray(start + outLength, start + outLength + errLength).toString("utf8"),
    });
    at = start + outLength + errLength;
  }
  return results;
}
