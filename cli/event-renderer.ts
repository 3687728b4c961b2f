// How the CLI shows an engine's events: located warnings on stderr, the plan,
// live apply progress, the summary, reconcile log lines with a timestamp.

import type { Diagnostic } from "../contract/diagnostics.js";
import type { EngineEvent } from "../engine/events.js";
import type { AddressedHostLimitation } from "../contract/host-limitation.js";
import { ApplyProgress } from "./apply-progress.js";
import { describeRepair } from "./describe-repair.js";
import { renderApplySummary } from "./render-apply-summary.js";
import { hostLimitationsJson, planToJson } from "./render-json.js";
import { renderHostLimitations } from "./render-host-limitations.js";
import { renderPlan } from "./render-plan.js";
import type { Style } from "./style.js";
import { type ErrorContext, writeDiagnostics } from "./write-diagnostics.js";

export class EventRenderer {
  private progress: ApplyProgress | undefined;
  /** What the apply under way could not do on the hosts (its event comes just before the summary). */
  private applyLimitations: AddressedHostLimitation[] = [];

  constructor(
    private readonly style: Style,
    private readonly json: boolean,
    private readonly out: (text: string) => void,
    private readonly errors: ErrorContext,
    /** -verbose: what gantry cannot do on the hosts, one line per resource (not grouped). */
    private readonly verbose = false,
  ) {}

  readonly onEvent = (e: EngineEvent): void => {
    switch (e.type) {
      case "configuration":
        this.errors.dir = e.dir;
        this.errors.sources = e.files;
        return;
      case "warnings":
        this.diagnostics(e.diagnostics);
        return;
      case "plan":
        this.plan(e.plan);
        return;
      case "apply-begin":
        this.progress = new ApplyProgress(this.style, this.json, (l) => this.out(l));
        this.progress.begin();
        return;
      case "apply-end":
        this.progress?.end();
        return;
      case "resource":
        this.progress?.event(e.event);
        return;
      case "host-limitations":
        // a plan's are part of the plan's text and JSON (as in a saved plan); an apply's come with its summary
        if (e.phase === "apply") this.applyLimitations = e.limitations;
        if (e.phase === "apply" && this.json)
          this.out(
            JSON.stringify({ "@level": "warn", type: "host_limitations", ...hostLimitationsJson(e.limitations) }),
          );
        return;
      case "summary": {
        const notDone = this.json
          ? []
          : renderHostLimitations(
              this.applyLimitations,
              e.result.warnings,
              "What gantry could not do on the hosts:",
              this.style,
              this.verbose,
            );
        this.applyLimitations = [];
        for (const line of renderApplySummary(e, this.style, this.json, notDone)) this.out(line);
        return;
      }
      case "reconcile": {
        const text = e.change ? `${e.text}: ${describeRepair(e.change)}` : e.text;
        this.out(`${new Date().toISOString()} ${e.kind.padEnd(8)} ${text}`);
        return;
      }
    }
  };

  plan(p: Parameters<typeof renderPlan>[0]): void {
    this.out(this.json ? JSON.stringify(planToJson(p)) : renderPlan(p, this.style, { verbose: this.verbose }));
  }

  diagnostics(diags: Diagnostic[]): void {
    writeDiagnostics(diags, this.errors, this.style);
  }
}
