// Errors that point at the source: every diagnostic carries an origin that
// names the file and the path of the field inside it. Line and column are
// resolved lazily (see templates/locate.ts) so that loading stays fast.

export interface Origin {
  /** Absolute or config-dir-relative path of the source file. */
  file: string;
  /** Path of the field inside the document, e.g. ["resource","gantry_noop","a","input"]. */
  path: (string | number)[];
  /** Set by front ends that know the position already. */
  line?: number;
  column?: number;
  /**
   * A function call inside the field's value that the message is about: the `index`-th (0-based, in source order)
   * call of `fn` there. Located at the call's name (`.tf`, `.tf.json` and YAML files), else at the field.
   */
  call?: { fn: string; index: number };
  /**
   * "value": located at the start of the field's value (an expression, as Terraform's diagnostics about a condition
   * point at the condition's expression), not at its name. A string's value starts inside its quotes in `.tf.json`.
   */
  at?: "value";
}

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  origin?: Origin;
  /** Extra locations (e.g. every member of a dependency cycle). */
  related?: { label: string; origin?: Origin }[];
  /** The kind of error a door answers with where it has kinds (the Heat API: Heat's exception type). */
  code?: string;
}

export class GantryError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | Diagnostic | string) {
    const list: Diagnostic[] =
      typeof diagnostics === "string"
        ? [{ severity: "error", summary: diagnostics }]
        : Array.isArray(diagnostics)
          ? diagnostics
          : [diagnostics];
    super(list.map((d) => d.summary).join("; "));
    this.name = "GantryError";
    this.diagnostics = list;
  }
}

export function errorAt(summary: string, origin?: Origin, detail?: string): GantryError {
  return new GantryError({ severity: "error", summary, origin, detail });
}

/** Collects diagnostics and throws them together. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  error(summary: string, origin?: Origin, detail?: string): void {
    this.items.push({ severity: "error", summary, origin, detail });
  }
  warning(summary: string, origin?: Origin, detail?: string): void {
    this.items.push({ severity: "warning", summary, origin, detail });
  }
  add(d: Diagnostic | Diagnostic[]): void {
    if (Array.isArray(d)) this.items.push(...d);
    else this.items.push(d);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
  throwIfErrors(): void {
    if (this.hasErrors) throw new GantryError(this.items);
  }
}
