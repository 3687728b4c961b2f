// A raw node the HOT front end puts together for the shared builder: a
// resource's body made of its properties (nodes of the template, located
// where they are written) and the meta-arguments HOT writes its own way
// (depends_on, a group's for_each), located where the template says them.

import type { Origin } from "../../contract/diagnostics.js";
import type { RawNode } from "../raw-config.js";

export class ComposedNode implements RawNode {
  readonly value: Record<string, unknown> | unknown[];

  /** `children`: the members (or items, keyed by index) in order, each a node of its own. */
  constructor(
    readonly origin: Origin,
    private readonly children: Map<string | number, RawNode>,
    list = false,
  ) {
    this.value = list
      ? [...children.values()].map((c) => c.value)
      : Object.fromEntries([...children].map(([k, c]) => [String(k), c.value]));
  }

  child(key: string | number): RawNode {
    return this.children.get(key) ?? new LeafNode(undefined, { ...this.origin, path: [...this.origin.path, key] });
  }
}

/** A value with its origin, no children of its own. */
export class LeafNode implements RawNode {
  constructor(
    readonly value: unknown,
    readonly origin: Origin,
  ) {}

  child(key: string | number): RawNode {
    return new LeafNode(undefined, { ...this.origin, path: [...this.origin.path, key] });
  }
}
