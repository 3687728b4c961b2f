// The gantry_host attributes of an ssh host (user, port, private_key_file,
// known_hosts_file, ...): their schema, the check that they are only set on
// ssh hosts, and how they reach the driver (folded into HostSpec.options, where
// the driver reads them; options may also carry them, the attributes win).

import { isUnknown, type Attrs, type Value } from "../../contract/values.js";
import type { AttributeSchema } from "../../contract/resource-type.js";
import { SSH_OPTION_NAMES } from "../hosts/ssh/ssh-settings.js";

export const SSH_HOST_ATTRIBUTES: Record<(typeof SSH_OPTION_NAMES)[number], AttributeSchema> = {
  user: { kind: "string", description: "ssh: the user to log in as (default root).", optional: true },
  port: { kind: "number", description: "ssh: sshd's port (default 22).", optional: true },
  private_key_file: {
    kind: "string",
    description: "ssh: private key file to log in with (default: the ssh agent at SSH_AUTH_SOCK).",
    optional: true,
  },
  known_hosts_file: {
    kind: "string",
    description: "ssh: known_hosts file the host's key is pinned in (default ~/.ssh/known_hosts).",
    optional: true,
  },
  accept_new_host_key: {
    kind: "bool",
    description: "ssh: first contact: add an unknown host's key to known_hosts_file (a changed key is still refused).",
    optional: true,
  },
  sudo: {
    kind: "bool",
    description: "ssh: run everything through `sudo -n` (default: when user is not root).",
    optional: true,
  },
  jump_host: {
    kind: "string",
    description: "ssh: a bastion to connect through, user@address:port (same key and known_hosts).",
    optional: true,
  },
  connect_timeout_ms: { kind: "number", description: "ssh: connect timeout (default 15000).", optional: true },
  command_timeout_ms: {
    kind: "number",
    description: "ssh: longest a command may run (default 30 minutes; 0: no limit).",
    optional: true,
  },
  max_sessions: {
    kind: "number",
    description: "ssh: channels open at once on the host's one connection (default 8; sshd allows 10).",
    optional: true,
  },
};

/** Errors for ssh attributes set on a host whose driver is not ssh. */
export function validateSshAttributes(config: Attrs): { attribute: string; message: string }[] {
  const driver = config.driver;
  if (typeof driver !== "string" || driver === "ssh") return [];
  return SSH_OPTION_NAMES.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => ({
    attribute: k,
    message: `applies only to hosts with driver "ssh" (this host's driver is "${driver}")`,
  }));
}

/** A host's options with its ssh attributes folded in (undefined when there are none at all). */
export function optionsWithSshAttributes(attrs: { [k: string]: Value }): Record<string, unknown> | undefined {
  const options = attrs.options;
  const base =
    options !== null &&
    options !== undefined &&
    typeof options === "object" &&
    !Array.isArray(options) &&
    !isUnknown(options)
      ? (JSON.parse(JSON.stringify(options)) as Record<string, unknown>)
      : undefined;
  if (attrs.driver !== "ssh") return base;
  const out: Record<string, unknown> = { ...base };
  for (const k of SSH_OPTION_NAMES) {
    const v = attrs[k];
    if (v !== undefined && v !== null && !isUnknown(v)) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : base;
}
