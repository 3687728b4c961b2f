// Files on an ssh host, through short shell scripts: reads, atomic writes
// (a temp file in the same directory, its mode set, fsync'd with `sync FILE`,
// renamed over the target with `mv -T`, the directory fsync'd), stat, removal.
// Host path "/etc/x" is <root>/etc/x on the machine (root is "/" unless the
// host says otherwise). The machine's own "/" is never removed: removing the
// host's tree there removes only what gantry keeps on it.

import { posix } from "node:path";

import type { FileStat } from "../../../contract/host-driver.js";
import { normalizeHostPath } from "../host-paths.js";
import type { RemoteShell } from "./remote-shell.js";
import { shellQuote } from "./shell-quote.js";

/** Exit code the scripts use for "no such file". */
const MISSING = 44;
/** The host path of the marker an ssh host carries when gantry created it (gantry_host writes it). */
export const SSH_HOST_MARKER = "/var/lib/gantry/host.json";
/**
 * What gantry keeps on a machine whose root is "/" (its marker, launchers, pid files, logs): removed instead of the
 * machine's whole tree.
 */
const GANTRY_PATHS = ["/var/lib/gantry", "/run/gantry", "/var/log/gantry"];

export class RemoteFiles {
  constructor(
    private readonly shell: RemoteShell,
    readonly root: string,
    private readonly hostName: string,
    private readonly describe: string,
  ) {}

  /** The path on the machine of a host path. */
  machinePath(hostPath: string): string {
    const p = normalizeHostPath(hostPath, this.hostName);
    return this.root === "/" ? p : p === "/" ? this.root : `${this.root}${p}`;
  }

  async readFile(path: string): Promise<string | null> {
    const f = shellQuote(this.machinePath(path));
    const r = await this.shell.operation(
      `if [ -f ${f} ]; then exec cat -- ${f}; elif [ -e ${f} ]; then echo "not a regular file" >&2; exit 2; ` +
        `else exit ${MISSING}; fi`,
      { wholeStdout: true },
    );
    if (r.exitCode === MISSING) return null;
    this.check(r, `cannot read ${path}`);
    return r.stdout;
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const target = this.machinePath(path);
    if (target === this.root) throw new Error(`${this.describe}: cannot write a file over the host root`);
    const dir = shellQuote(posix.dirname(target));
    const temp = shellQuote(`${posix.dirname(target)}/.${posix.basename(target)}.gantry-XXXXXX`);
    const script = [
      "set -e",
      `mkdir -p -- ${dir}`,
      `t=$(mktemp -- ${temp})`,
      `trap 'rm -f -- "$t"' EXIT`,
      `cat > "$t"`,
      `chmod ${(mode & 0o7777).toString(8)} -- "$t"`,
      `sync -- "$t"`,
      `mv -fT -- "$t" ${shellQuote(target)}`,
      "trap - EXIT",
      `sync -- ${dir} 2>/dev/null || true`,
    ].join("\n");
    this.check(await this.shell.operation(script, { stdin: content }), `cannot write ${path}`);
  }

  async statFile(path: string): Promise<FileStat | null> {
    const f = shellQuote(this.machinePath(path));
    const r = await this.shell.operation(`[ -e ${f} ] || exit ${MISSING}; exec stat -L -c '%a %s' -- ${f}`);
    if (r.exitCode === MISSING) return null;
    this.check(r, `cannot stat ${path}`);
    const [mode, size] = r.stdout.trim().split(" ");
    return { mode: Number.parseInt(mode ?? "", 8), size: Number(size) };
  }

  async removeFile(path: string): Promise<void> {
    const f = shellQuote(this.machinePath(path));
    this.check(await this.shell.operation(`exec rm -f -- ${f}`), `cannot remove ${path}`);
  }

  /**
   * Removes a tree. The host root itself goes only when it carries gantry's marker; when the root is the machine's
   * "/", only what gantry keeps there goes.
   */
  async removeTree(path: string): Promise<void> {
    const target = this.machinePath(path);
    let script: string;
    if (target === "/") script = `rm -rf -- ${GANTRY_PATHS.map(shellQuote).join(" ")}`;
    else if (target === this.root) {
      const q = shellQuote(target);
      script =
        `[ -e ${q} ] || exit 0\n[ -e ${shellQuote(`${target}${SSH_HOST_MARKER}`)} ] || ` +
        `{ echo "refusing to remove root ${target}: it has no ${SSH_HOST_MARKER} marker, so gantry did not ` +
        `create it" >&2; ` +
        `exit 3; }\nexec rm -rf -- ${q}`;
    } else script = `exec rm -rf -- ${shellQuote(target)}`;
    this.check(await this.shell.operation(script), `cannot remove ${path}`);
  }

  private check(r: { exitCode: number; stderr: string }, what: string): void {
    if (r.exitCode !== 0) {
      throw new Error(`${this.describe}: ${what}: ${r.stderr.trim() || `exit code ${r.exitCode}`}`);
    }
  }
}
