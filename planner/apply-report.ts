// What an apply tells as it goes (events) and adds up at the end (the
// result): changes started, completed and counted, failed, skipped because
// something they wait on failed, not started after an interrupt, or blocked
// on a dependency cycle. Each change is reported once, whatever its steps.

import type { Attrs } from "../contract/values.js";
import type { Diagnostic } from "../contract/diagnostics.js";
import type { AddressedHostLimitation, HostLimitation } from "../contract/host-limitation.js";
import type { TypeNotes } from "./operation-context.js";
import type { ResourceChange } from "./changes.js";
import type { DeposedRef } from "./deposed-ref.js";

/**
 * What an apply tells as it goes. `address`: the change's address, as shown (for a deposed object its display
 * address, "gantry_noop.a (deposed 0)", never to be parsed); `deposed`: set for a deposed object, which one.
 */
export type ApplyEvent =
  | {
      kind: "start";
      address: string;
      deposed?: DeposedRef;
      action: ResourceChange["action"];
      step?: "create" | "delete";
    }
  | {
      kind: "complete";
      address: string;
      deposed?: DeposedRef;
      action: ResourceChange["action"];
      elapsedMs: number;
      id?: string;
      /** The object's attributes as recorded (absent for a delete). */
      attributes?: Attrs;
    }
  | {
      kind: "error";
      address: string;
      deposed?: DeposedRef;
      action: ResourceChange["action"];
      elapsedMs: number;
      error: string;
      /** The class of the error the type threw, when it named one ("ValueError"): Heat's reasons show it. */
      errorType?: string;
    }
  | { kind: "skipped"; address: string; deposed?: DeposedRef; because: string }
  | { kind: "cancelled"; address: string; deposed?: DeposedRef }
  | { kind: "log"; address: string; message: string }
  /** The object being made has its id already (OperationContext.identified), before its change completes. */
  | { kind: "identified"; address: string; deposed?: DeposedRef; id: string }
  /** A provisioner starts ("Provisioning with 'local-exec'..."), and what it prints, as it comes. */
  | { kind: "provision-start"; address: string; provisioner: string }
  | { kind: "provision-output"; address: string; provisioner: string; output: string }
  | { kind: "warning"; address: string; deposed?: DeposedRef; message: string }
  /** What the type could not do on its host (the doors group these; see contract/host-limitation.ts). */
  | { kind: "limitation"; address: string; deposed?: DeposedRef; limitation: HostLimitation };

export interface ApplyResult {
  added: number;
  changed: number;
  destroyed: number;
  /** errorType: the class of the error the type threw, when it named one ("ValueError"). */
  failed: { address: string; error: string; errorType?: string }[];
  skipped: string[];
  cancelled: string[];
  warnings: { address: string; message: string }[];
  /** What the types could not do on the hosts, per instance. */
  limitations: AddressedHostLimitation[];
  /** Located diagnostics: failed conditions (errors) and check block assertions (warnings). */
  diagnostics: Diagnostic[];
}

export class ApplyReport {
  readonly result: ApplyResult = {
    added: 0,
    changed: 0,
    destroyed: 0,
    failed: [],
    skipped: [],
    cancelled: [],
    warnings: [],
    limitations: [],
    diagnostics: [],
  };
  /** Addresses of changes with a failed step. */
  private readonly failedAddresses = new Set<string>();
  /** Addresses already reported skipped, cancelled or blocked. */
  private readonly settled = new Set<string>();

  constructor(private readonly emit: (e: ApplyEvent) => void) {}

  /** A change starts, or (with `phase`) one phase of a replacement. */
  started(c: ResourceChange, phase?: "create" | "delete"): void {
    const { address, action, deposed } = c;
    if (phase && deposed) this.emit({ kind: "start", address, deposed, action, step: phase });
    else if (phase) this.emit({ kind: "start", address, action, step: phase });
    else if (deposed) this.emit({ kind: "start", address, deposed, action });
    else this.emit({ kind: "start", address, action });
  }

  log(address: string, message: string): void {
    this.emit({ kind: "log", address, message });
  }

  /** The object a change makes has its id already. */
  identified(c: ResourceChange, id: string): void {
    this.emit(
      c.deposed
        ? { kind: "identified", address: c.address, deposed: c.deposed, id }
        : { kind: "identified", address: c.address, id },
    );
  }

  provisionStarted(address: string, provisioner: string): void {
    this.emit({ kind: "provision-start", address, provisioner });
  }

  provisionOutput(address: string, provisioner: string, output: string): void {
    this.emit({ kind: "provision-output", address, provisioner, output });
  }

  /** A change's last step finished: what the type warned about, then the change, counted. */
  completed(c: ResourceChange, elapsedMs: number, id: string | undefined, notes: TypeNotes, attributes?: Attrs): void {
    for (const w of notes.warnings) {
      this.result.warnings.push({ address: c.address, message: w });
      this.emit({ kind: "warning", address: c.address, ...(c.deposed && { deposed: c.deposed }), message: w });
    }
    for (const limitation of notes.limitations) {
      this.result.limitations.push({ address: c.address, limitation });
      this.emit({ kind: "limitation", address: c.address, ...(c.deposed && { deposed: c.deposed }), limitation });
    }
    const { address, action, deposed } = c;
    this.emit(
      deposed
        ? { kind: "complete", address, deposed, action, elapsedMs, id, attributes }
        : { kind: "complete", address, action, elapsedMs, id, attributes },
    );
    countCompleted(this.result, c.action);
  }

  failed(c: ResourceChange, elapsedMs: number, error: string, errorType?: string): void {
    this.result.failed.push(errorType ? { address: c.address, error, errorType } : { address: c.address, error });
    this.failedAddresses.add(c.address);
    const { address, action } = c;
    const deposed = c.deposed && { deposed: c.deposed };
    this.emit(
      errorType
        ? { kind: "error", address, ...deposed, action, elapsedMs, error, errorType }
        : { kind: "error", address, ...deposed, action, elapsedMs, error },
    );
  }

  /** Not a change that failed but an output refused at apply (its precondition): the apply fails too. */
  outputRefused(address: string, error: string): void {
    this.result.failed.push({ address, error });
  }

  /** Skipped because `cause` (an address) failed; a change's step after its failed step is part of that failure. */
  skipped(c: ResourceChange, cause: string): void {
    if (cause === c.address || !this.unsettled(c)) return;
    this.settled.add(c.address);
    this.result.skipped.push(c.address);
    this.emit({ kind: "skipped", address: c.address, ...(c.deposed && { deposed: c.deposed }), because: cause });
  }

  cancelled(c: ResourceChange): void {
    if (!this.unsettled(c)) return;
    this.settled.add(c.address);
    this.result.cancelled.push(c.address);
    this.emit({ kind: "cancelled", address: c.address, ...(c.deposed && { deposed: c.deposed }) });
  }

  /** Never reached although nothing was interrupted; reported with `blockedOnCycle` once the cycle is known. */
  blocked(c: ResourceChange): boolean {
    if (!this.unsettled(c)) return false;
    this.settled.add(c.address);
    return true;
  }

  blockedOnCycle(changes: ResourceChange[], error: string): void {
    for (const c of changes) {
      this.result.failed.push({ address: c.address, error });
      const deposed = c.deposed && { deposed: c.deposed };
      this.emit({ kind: "error", address: c.address, ...deposed, action: c.action, elapsedMs: 0, error });
    }
  }

  private unsettled(c: ResourceChange): boolean {
    return !this.settled.has(c.address) && !this.failedAddresses.has(c.address);
  }
}

/** A replacement adds one and destroys one. */
function countCompleted(result: ApplyResult, action: ResourceChange["action"]): void {
  if (action === "create") result.added++;
  else if (action === "update") result.changed++;
  else if (action === "delete") result.destroyed++;
  else if (action === "replace") result.added++, result.destroyed++;
}
