// remote-exec: runs commands on the machine of the resource's connection, as
// Terraform 1.11's remote-exec does: `inline` (the commands as the lines of
// one script), `script` or `scripts` (local files, relative to the
// configuration directory, each its own script). Each script is copied to
// script_path (%RAND% a fresh number), given a "#!/bin/sh" line unless it
// starts with "#!", made executable and run as the connection's user; stdout
// and stderr are shown as they come. A script that exits non-zero fails with
// Terraform's message ("error executing ...: Process exited with status N")
// and the scripts after it do not run.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import type { Provisioner } from "../../contract/provisioner.js";
import type { Attrs } from "../../contract/values.js";
import { shellQuote } from "../hosts/ssh/shell-quote.js";
import { optString, stringList } from "../types/attrs.js";
import { OutputLines } from "./output-lines.js";
import { CONNECTION_SCHEMA, openProvisionerConnection } from "./ssh-provisioner-connection.js";

const SHEBANG = "#!/bin/sh\n";

export const remoteExecProvisioner: Provisioner = {
  name: "remote-exec",
  schema: {
    inline: { kind: "list", description: "Commands, run as the lines of one script." },
    script: { kind: "string", description: "A local script to copy to the machine and run." },
    scripts: { kind: "list", description: "Local scripts to copy to the machine and run, in order." },
  },
  connection: CONNECTION_SCHEMA,

  async run(ctx, config) {
    const fail = (why: string) => new Error(`remote-exec provisioner error: ${why}`);
    const scripts = scriptsOf(config, ctx.configDir, fail);
    const conn = await openProvisionerConnection("remote-exec", ctx.connection, (t) => ctx.output(t), ctx.signal);
    try {
      for (const script of scripts) {
        const path = conn.scriptPath();
        const q = shellQuote(path);
        const upload = await conn.connection.exec(`cat > ${q} && chmod 0777 ${q}`, {
          stdin: script.startsWith("#!") ? script : SHEBANG + script,
          idempotent: true,
          signal: ctx.signal,
        });
        if (upload.exitCode !== 0)
          throw fail(`error uploading script to ${JSON.stringify(path)}: ${upload.stderr.trim()}`);
        const lines = new OutputLines((t) => ctx.output(t));
        const r = await conn.connection.exec(q, {
          idempotent: false,
          signal: ctx.signal,
          onOutput: (chunk) => lines.add(chunk),
        });
        lines.flush();
        if (r.exitCode !== 0)
          throw fail(`error executing ${JSON.stringify(path)}: Process exited with status ${r.exitCode}`);
      }
    } catch (e) {
      const message = (e as Error).message;
      throw message.startsWith("remote-exec provisioner error") ? e : fail(message);
    } finally {
      conn.close();
    }
  },
};

/** The scripts to run: inline's commands as one, or each local script's text. */
function scriptsOf(config: Attrs, configDir: string, fail: (why: string) => Error): string[] {
  const inline = config.inline === undefined || config.inline === null ? undefined : stringList(config, "inline");
  if (inline !== undefined) {
    if (inline.some((l) => l === "")) throw fail("invalid empty string in 'inline'");
    return [`${inline.join("\n")}\n`];
  }
  const one = optString(config, "script");
  const paths = one !== undefined ? [one] : stringList(config, "scripts");
  if (paths.length === 0) throw fail('one of "inline", "script" or "scripts" must be set');
  return paths.map((p) => {
    try {
      return readFileSync(resolve(configDir, p), "utf8");
    } catch (e) {
      throw fail(`cannot read script ${JSON.stringify(p)}: ${(e as Error).message}`);
    }
  });
}
