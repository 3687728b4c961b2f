// A file gantry writes on a real machine (an ssh host, whose / is the machine's own: gantry_file,
// gantry_haproxy_config) may be written where a file already was: a package's default configuration
// (/etc/haproxy/haproxy.cfg, /etc/zookeeper/conf/zoo.cfg). Creating the resource keeps that file aside on the host (a
// copy with its mode and owner); destroying it puts the file back instead of removing it. Where there was no file,
// the parent directories a write made (whichever file's) are removed again when destroy leaves them empty. What was
// found is recorded on the host, under /var/lib/gantry/files/<path> (removed with the host's other gantry files). The
// same record serves a path that gantry's configuration makes a program create (HAProxy's admin socket): destroy
// removes it and the directories made for it. Local hosts are sandboxes gantry removes whole, and simulated hosts
// have no machine to keep: neither needs this.

import type { HostDriver } from "../../contract/host-driver.js";
import { shellQuote } from "../hosts/ssh/shell-quote.js";

const RECORDS = "/var/lib/gantry/files";
/** The mark of a directory gantry made (in the records' copy of the directory). */
const MADE = ".made-by-gantry";

function takesOver(driver: HostDriver): boolean {
  return driver.spec.driver === "ssh";
}

/** Shell words for a host path and its record and kept copy (under HOST_ROOT, the host's root on the machine). */
function paths(path: string): { file: string; record: string; kept: string } {
  const at = (p: string) => `"$HOST_ROOT"${shellQuote(p)}`;
  return { file: at(path), record: at(`${RECORDS}${path}.found`), kept: at(`${RECORDS}${path}.kept`) };
}

async function runScript(driver: HostDriver, script: string, what: string): Promise<void> {
  const r = await driver.run(script);
  if (r.exitCode !== 0) throw new Error(`${what} on host ${driver.spec.name}: ${(r.stderr || r.stdout).trim()}`);
}

/**
 * Before the first write of `path`: records what was there (the file kept aside, or the directories missing above
 * it). A record made before (a create retried after a lost connection) is left as it is.
 */
export async function recordWhatWasThere(driver: HostDriver, path: string): Promise<void> {
  if (!takesOver(driver)) return;
  const { file, record, kept } = paths(path);
  const script = [
    `f=${file}; rec=${record}`,
    `[ -e "$rec" ] && exit 0`,
    `mkdir -p -- "$(dirname -- "$rec")"`,
    // a Unix socket (HAProxy's admin socket) is no content to keep: whoever listens there makes it again
    `if [ -e "$f" ] && [ ! -S "$f" ]; then cp -p -- "$f" ${kept} && echo kept > "$rec.tmp"; else`,
    `  echo created > "$rec.tmp"; d=$(dirname -- ${shellQuote(path)})`,
    // a directory the write will make is marked as gantry's, whichever file's write makes it
    `  while [ "$d" != / ] && [ ! -e "$HOST_ROOT$d" ]; do`,
    `    mkdir -p -- "$HOST_ROOT${RECORDS}$d" && : > "$HOST_ROOT${RECORDS}$d/${MADE}"; d=$(dirname -- "$d")`,
    `  done`,
    `fi`,
    `mv -f -- "$rec.tmp" "$rec"`,
  ].join("\n");
  await runScript(driver, script, `cannot record what was at ${path}`);
}

/**
 * Destroying the file at `path`: the file that was there before is put back, or the file is removed with the empty
 * directories its first write made. Without a record (a file written before gantry kept records), it is removed.
 * `keepDirsOf`: a host path whose directories stay although gantry made them (the path's successor, still in use).
 */
export async function restoreWhatWasThere(driver: HostDriver, path: string, keepDirsOf?: string): Promise<boolean> {
  if (!takesOver(driver)) return false;
  const { file, record, kept } = paths(path);
  const script = [
    `f=${file}; rec=${record}; keep=${shellQuote(`${keepDirsOf ?? ""}`)}`,
    `if [ ! -e "$rec" ]; then rm -f -- "$f"; exit 0; fi`,
    `if [ "$(head -n 1 "$rec")" = kept ]; then mv -f -- ${kept} "$f"; else`,
    `  rm -f -- "$f"`,
    `fi`,
    // the directories gantry made above it, as long as they are empty (the last file out removes them) and not
    // above the path kept
    `d=$(dirname -- ${shellQuote(path)})`,
    `while [ "$d" != / ] && [ -e "$HOST_ROOT${RECORDS}$d/${MADE}" ]; do`,
    `  case "$keep" in "$d"/*) break ;; esac`,
    `  rmdir -- "$HOST_ROOT$d" 2>/dev/null || break; rm -f -- "$HOST_ROOT${RECORDS}$d/${MADE}"; d=$(dirname -- "$d")`,
    `done`,
    `rm -f -- "$rec"`,
  ].join("\n");
  await runScript(driver, script, `cannot put back what was at ${path}`);
  return true;
}

/** Forgets what was recorded at `path` (the file stays as it is: it is no longer gantry's to remove or put back). */
export async function forgetWhatWasThere(driver: HostDriver, path: string): Promise<void> {
  if (!takesOver(driver)) return;
  const { record, kept } = paths(path);
  await runScript(driver, `rm -f -- ${record} ${kept}`, `cannot forget what was at ${path}`);
}
