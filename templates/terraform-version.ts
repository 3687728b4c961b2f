// The Terraform version gantry behaves as, and Terraform's version
// constraints (`required_version = ">= 1.2, < 2.0"`, `~> 1.5`), as
// Terraform's own documentation describes them: comma-separated conditions,
// each an operator (=, !=, >, >=, <, <=, ~>; none means =) and a version.
// `~>` allows only the rightmost version component to grow: `~> 1.5` is
// >= 1.5, < 2.0 and `~> 1.5.0` is >= 1.5.0, < 1.6.0.

export const TERRAFORM_VERSION = "1.11.0";

const CONDITION = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?\s*$/;

/** True when `version` satisfies `constraint`; undefined when the constraint cannot be read. */
export function satisfiesVersion(constraint: string, version: string = TERRAFORM_VERSION): boolean | undefined {
  const v = version.split(".").map(Number);
  const parts = constraint.split(",");
  let ok = true;
  for (const part of parts) {
    const m = CONDITION.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? "=";
    const given = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
    const want = [given[0], given[1] ?? 0, given[2] ?? 0];
    const c = compare(v, want);
    // A prerelease constraint matches no release other than by exact ordering; gantry is a release.
    const pre = m[5] !== undefined;
    switch (op) {
      case "=":
        ok &&= c === 0 && !pre;
        break;
      case "!=":
        ok &&= c !== 0 || pre;
        break;
      case ">":
        ok &&= c > 0 || (c === 0 && pre);
        break;
      case ">=":
        ok &&= c >= 0;
        break;
      case "<":
        ok &&= c < 0;
        break;
      case "<=":
        ok &&= c < 0 || (c === 0 && !pre);
        break;
      case "~>": {
        // Up to (not including) the next value of the component before the last one given.
        const upper = given.length === 1 ? [given[0] + 1, 0, 0] : given.slice(0, -1);
        if (given.length > 1) upper[upper.length - 1]++;
        while (upper.length < 3) upper.push(0);
        ok &&= c >= 0 && compare(v, upper) < 0;
        break;
      }
    }
  }
  return ok;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
