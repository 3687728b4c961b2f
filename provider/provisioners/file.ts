// file: copies to the machine of the resource's connection, as Terraform
// 1.11's file provisioner does: `content` (text) or `source` (a local file or
// directory, relative to the configuration directory) to `destination`.
// A file keeps its permission bits (content gets 0644); its directory must
// exist. A directory is copied with what it holds: "dir" into
// destination/dir (made), "dir/" (a trailing slash) into destination
// itself; the destination directory must exist, as with Terraform over ssh.
// Everything goes in one round trip, as the connection's user.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, posix, resolve } from "node:path";

import type { Provisioner } from "../../contract/provisioner.js";
import { shellQuote } from "../hosts/ssh/shell-quote.js";
import { optString } from "../types/attrs.js";
import { CONNECTION_SCHEMA, openProvisionerConnection } from "./ssh-provisioner-connection.js";

export const fileProvisioner: Provisioner = {
  name: "file",
  schema: {
    source: { kind: "string", description: "A local file or directory to copy." },
    content: { kind: "string", description: "Text to write to destination." },
    destination: { kind: "string", description: "Where to copy to on the machine.", required: true },
  },
  connection: CONNECTION_SCHEMA,

  async run(ctx, config) {
    const fail = (why: string) => new Error(`file provisioner error: ${why}`);
    const destination = optString(config, "destination");
    if (!destination) throw fail('"destination" must be a non-empty path');
    const source = optString(config, "source");
    const content = optString(config, "content");
    if ((source === undefined) === (content === undefined))
      throw fail('exactly one of "source" and "content" must be set');

    // the upload as one shell script (read from stdin), prepared before connecting
    let script: string;
    if (content !== undefined) script = fileScript(destination, Buffer.from(content, "utf8"), 0o644);
    else {
      const local = resolve(ctx.configDir, source!);
      let isDir: boolean;
      try {
        isDir = statSync(local).isDirectory();
      } catch (e) {
        throw fail(`cannot read source ${JSON.stringify(source)}: ${(e as Error).message}`);
      }
      if (!isDir) script = fileScript(destination, readFileSync(local), statSync(local).mode & 0o7777);
      else {
        const into = source!.endsWith("/") ? destination : posix.join(destination, basename(local));
        script =
          `[ -d ${shellQuote(destination)} ] || { echo "destination directory ${destination} does not exist" >&2; ` +
          `exit 1; }\n${directoryScript(local, into, !source!.endsWith("/"))}`;
      }
    }

    const conn = await openProvisionerConnection("file", ctx.connection, (t) => ctx.output(t), ctx.signal);
    try {
      const r = await conn.connection.exec("/bin/sh -s", {
        stdin: `set -e\n${script}`,
        idempotent: true,
        signal: ctx.signal,
      });
      if (r.exitCode !== 0) throw fail(`Upload failed: ${r.stderr.trim() || `exit status ${r.exitCode}`}`);
    } catch (e) {
      const message = (e as Error).message;
      throw message.startsWith("file provisioner error") ? e : fail(message);
    } finally {
      conn.close();
    }
  },
};

/** Shell lines writing `bytes` to `path` with `mode`. */
function fileScript(path: string, bytes: Buffer, mode: number): string {
  const q = shellQuote(path);
  const data = bytes.toString("base64").replace(/.{1,76}/g, "$&\n");
  return `base64 -d > ${q} <<'GANTRY_EOF'\n${data}GANTRY_EOF\nchmod ${mode.toString(8)} ${q}\n`;
}

/** Shell lines recreating local directory `dir` (and what it holds) at `path` (given dir's mode unless `keepMode`). */
function directoryScript(dir: string, path: string, setMode = true): string {
  let out = `mkdir -p ${shellQuote(path)}\n`;
  if (setMode) out += `chmod ${(statSync(dir).mode & 0o7777).toString(8)} ${shellQuote(path)}\n`;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const local = join(dir, entry.name);
    const remote = posix.join(path, entry.name);
    if (entry.isDirectory()) out += directoryScript(local, remote);
    else if (entry.isFile()) out += fileScript(remote, readFileSync(local), statSync(local).mode & 0o7777);
  }
  return out;
}
