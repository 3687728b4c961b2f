// What every route group is given: the stack operations (and through them
// the store) and the limits on what a request may carry.

import type { StackOperations } from "../stacks/stack-operations.js";
import type { YamlLimits } from "./yaml-document.js";

export interface ServerContext {
  operations: StackOperations;
  yamlLimits: YamlLimits;
  /** Shown by `GET /build_info` as the API's and engine's revision. */
  revision: string;
}
