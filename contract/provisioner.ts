// The contract of a provisioner (Terraform's local-exec and, with the ssh
// host driver, remote-exec and file): given its evaluated arguments, it does
// its work for one instance and reports its output line by line. The apply
// walk runs provisioners; it never special-cases one.

import type { AttributeSchema } from "./resource-type.js";
import type { Attrs } from "./values.js";

export interface ProvisionerContext {
  /** The instance provisioned ("null_resource.a"). */
  address: string;
  /** Configuration directory: relative paths resolve against it. */
  configDir: string;
  /** Stops the provisioner (Ctrl-C): what it runs is killed and it fails. */
  signal: AbortSignal;
  /** Output, as it comes (may hold several lines; shown with the "address (type): " prefix). */
  output(text: string): void;
  /**
   * The evaluated connection (Terraform's `connection` block: the resource's, each argument overridden by the
   * provisioner's own), for a provisioner that declares `connection`; undefined when none is written.
   */
  connection?: Attrs;
}

export interface Provisioner {
  /** As written in configuration ("local-exec"). */
  name: string;
  /** Its arguments (besides when and on_failure, which the apply walk reads). */
  schema: Record<string, AttributeSchema>;
  /** The arguments of the connection it runs over (remote-exec, file); absent: it needs none (local-exec). */
  connection?: Record<string, AttributeSchema>;
  /** Throws on failure; the message says what failed (Terraform's "Error running command ..."). */
  run(ctx: ProvisionerContext, config: Attrs): Promise<void>;
}
