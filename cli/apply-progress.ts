// Live progress of an apply: what started, what finished and how long it
// took, a "still running" line for long operations, provisioners' output
// with Terraform's "address (local-exec): " prefix, and -json events.

import type { ApplyEvent } from "../planner/apply.js";
import type { Style } from "./style.js";

const VERB: Record<string, [string, string]> = {
  create: ["Creating...", "Creation complete"],
  update: ["Modifying...", "Modifications complete"],
  delete: ["Destroying...", "Destruction complete"],
  replace: ["Replacing...", "Replacement complete"],
  noop: ["", ""],
  read: ["Reading...", "Read complete"],
};

export class ApplyProgress {
  private readonly started = new Map<string, { action: string; at: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly style: Style,
    private readonly json: boolean,
    private readonly write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
    private readonly stillEveryMs = 10_000,
  ) {}

  begin(): void {
    if (this.json) return;
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const [address, s] of this.started) {
        const secs = Math.floor((now - s.at) / 1000);
        if (secs >= this.stillEveryMs / 1000)
          this.write(
            `${this.style.bold(address)}: ` +
              `Still ${s.action === "delete" ? "destroying" : s.action === "update" ? "modifying" : "creating"}... ` +
              `[${secs}s elapsed]`,
          );
      }
    }, this.stillEveryMs);
    this.timer.unref();
  }

  end(): void {
    if (this.timer) clearInterval(this.timer);
  }

  event(e: ApplyEvent): void {
    if (this.json) {
      // a deposed object's typed id is for the engine's callers; the JSON lines keep the fields they had
      const { deposed: _deposed, ...fields } = e as ApplyEvent & { deposed?: unknown };
      this.write(
        JSON.stringify({
          "@level": e.kind === "error" ? "error" : e.kind === "warning" || e.kind === "limitation" ? "warn" : "info",
          "@timestamp": new Date().toISOString(),
          type: `apply_${e.kind}`,
          ...fields,
        }),
      );
      return;
    }
    const s = this.style;
    switch (e.kind) {
      case "start":
        this.started.set(e.address, { action: e.step ?? e.action, at: Date.now() });
        this.write(
          `${s.bold(e.address)}: ` +
            `${e.step === "delete" ? "Destroying..." : e.step === "create" ? "Creating..." : VERB[e.action][0]}`,
        );
        break;
      case "complete":
        this.started.delete(e.address);
        this.write(
          `${s.bold(e.address)}: ${VERB[e.action][1]} ` +
            `after ${formatElapsed(e.elapsedMs)}${e.id ? ` [id=${e.id}]` : ""}`,
        );
        break;
      case "error":
        this.started.delete(e.address);
        this.write(s.red(`${s.bold(e.address)}: failed after ${formatElapsed(e.elapsedMs)}: ${e.error}`));
        break;
      case "skipped":
        this.write(s.yellow(`${s.bold(e.address)}: skipped, because ${e.because} failed`));
        break;
      case "cancelled":
        this.write(s.yellow(`${s.bold(e.address)}: not started (interrupted)`));
        break;
      case "log":
        this.write(s.dim(`${e.address}: ${e.message}`));
        break;
      case "provision-start":
        this.write(s.bold(`${e.address}: Provisioning with '${e.provisioner}'...`));
        break;
      case "provision-output":
        // as Terraform shows it: each non-empty line, trailing spaces trimmed, after "address (type): "
        for (const line of e.output.split(/\r?\n/)) {
          const text = line.trimEnd();
          if (text) this.write(`${s.bold(`${e.address} (${e.provisioner}):`)} ${text}`);
        }
        break;
      case "warning":
        this.write(s.yellow(`${s.bold(e.address)}: warning: ${e.message}`));
        break;
      case "limitation":
        // said once for all hosts with the summary (and as one JSON message), not per resource as it comes
        break;
    }
  }
}

export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}
