// Heat resource names as model names. Heat allows any string; the model's
// names are identifiers ([A-Za-z_][A-Za-z0-9_-]*). A name that is one stays
// as written; another is made one (characters replaced by "_") and given a
// suffix from a hash of the name as written, so that two names never meet
// and a name maps the same way in every version of a template. References
// to a resource are made of its model type and name.

import { createHash } from "node:crypto";
import type { Expr, Step } from "../../planner/expressions/ast.js";

const MODEL_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function modelNameOfHeatName(heatName: string): string {
  if (MODEL_NAME_RE.test(heatName)) return heatName;
  const hash = createHash("sha256").update(heatName).digest("hex").slice(0, 8);
  const base = heatName.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${/^[A-Za-z_]/.test(base) ? "" : "_"}${base}_${hash}`;
}

/** A reference to a resource of the model (`type.name` then `steps`). */
export function resourceRef(type: string, name: string, steps: Step[]): Expr {
  const all: Step[] = [{ k: "attr", name }, ...steps];
  return { k: "ref", root: type, steps: all, text: `${type}${stepsText(all)}` };
}

function stepsText(steps: Step[]): string {
  let s = "";
  for (const st of steps) {
    if (st.k === "attr") s += `.${st.name}`;
    else if (st.k === "index") s += st.index.k === "lit" ? `[${JSON.stringify(st.index.v)}]` : "[…]";
  }
  return s;
}

/**
 * An attribute of an OS::Heat::None resource (`prefix`: an instance of it): null, as Heat gives any attribute of
 * it, still referring to the resource so that what uses it waits for it as Heat's get_attr does.
 */
export function noneAttributeRef(type: string, name: string, prefix: Step[] = []): Expr {
  const id = resourceRef(type, name, [...prefix, { k: "attr", name: "id" }]);
  const nil: Expr = { k: "lit", v: null };
  return { k: "cond", c: { k: "bin", op: "==", l: id, r: nil }, t: nil, f: nil };
}
