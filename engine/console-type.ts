// The console-only `type` function, as `terraform console` has it: `type(x)` as the whole entry prints x's type the
// way Terraform's console writes types (`list(string)`, `object({` with one `name: type,` a line, indented four
// spaces); `type()` used inside an expression is an error, as in Terraform. Gantry's unknown and null values carry no
// type: their type is `dynamic`.

import type { Value } from "../contract/values.js";
import { type Expr, visitExprs } from "../planner/expressions/ast.js";
import { compareStrings } from "../planner/set-order.js";
import type { TypeConstraint } from "../planner/type-constraint.js";
import { inferType } from "../planner/type-conversion.js";

/** The argument of an entry that is a call of `type` and nothing else. */
export function typeCallArgument(e: Expr): Expr | undefined {
  return e.k === "call" && e.fn === "type" && e.args.length === 1 && !e.expand ? e.args[0] : undefined;
}

/** Terraform's error for `type()` inside an expression: [summary, detail]; undefined when there is none. */
export function misusedType(e: Expr): [string, string] | undefined {
  let found: [string, string] | undefined;
  visitExprs(e, (x) => {
    if (found) return;
    if (x.k === "tmpl" && x.parts.some((p) => typeof p !== "string" && typeCallArgument(p)))
      found = ["Invalid template interpolation value", "Cannot include a type value in a string template."];
    else if (x.k === "call" && x.fn === "type")
      found = [
        "Invalid use of type function",
        'The console-only "type" function cannot be used as part of an expression.',
      ];
  });
  return found;
}

const INDENT = "    ";

/** A type as Terraform's console prints it. */
export function consoleTypeString(t: TypeConstraint, indent = 0): string {
  const pad = (n: number) => INDENT.repeat(n);
  switch (t.k) {
    case "any":
      return "dynamic";
    case "object": {
      const names = Object.keys(t.attrs).sort(compareStrings);
      if (!names.length) return "object({})";
      const lines = names.map((n) => `${pad(indent + 1)}${n}: ${consoleTypeString(t.attrs[n], indent + 1)},\n`);
      return `object({\n${lines.join("")}${pad(indent)}})`;
    }
    case "tuple": {
      if (!t.elems.length) return "tuple([])";
      const lines = t.elems.map((e) => `${pad(indent + 1)}${consoleTypeString(e, indent + 1)},\n`);
      return `tuple([\n${lines.join("")}${pad(indent)}])`;
    }
    case "list":
    case "set":
    case "map": {
      // a structural element type is set off on lines of its own, as Terraform's console does
      if (t.elem.k === "object" || t.elem.k === "tuple")
        return `${t.k}(\n${pad(indent + 1)}${consoleTypeString(t.elem, indent + 1)},\n${pad(indent)})`;
      return `${t.k}(${consoleTypeString(t.elem, indent)})`;
    }
    default:
      return t.k;
  }
}

/** The type of a value as the console prints it. */
export function consoleTypeOf(v: Value): string {
  return consoleTypeString(inferType(v));
}
