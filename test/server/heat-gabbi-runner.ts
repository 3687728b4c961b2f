// Heat's own API tests (the gabbi files of its tempest plugin, in ../shared/peer/heat/gabbits) run unchanged with
// Debian's gabbi-run against a Heat API at a URL, as the tests of `gantry serve` use them.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const GABBITS = new URL("../../../shared/peer/heat/gabbits/", import.meta.url).pathname;
export const GABBI_RUN = "/usr/bin/gabbi-run";
/** Debian's Python, whose modules gabbi-run needs (another python3 may come first on PATH). */
const PYTHON = "/usr/bin/python3";

/** The gabbi files, in name order (none when the folder is missing). */
export function gabbiFiles(): string[] {
  return existsSync(GABBITS)
    ? readdirSync(GABBITS)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
}

/** Runs one gabbi file against the API at `url` for tenant `demo`; `prefix` names the stacks it makes. */
export function gabbiRun(
  url: string,
  token: string,
  file: string,
  prefix: string,
): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [GABBI_RUN, url.replace(/^http:\/\//, ""), "/v1/demo"],
      { env: { ...process.env, OS_TOKEN: token, PREFIX: prefix }, timeout: 600_000 },
      (error, stdout, stderr) => resolve({ ok: !error, out: `${stdout}${stderr}` }),
    ).stdin?.end(readFileSync(join(GABBITS, file)));
  });
}

/** The last lines of a failed run, to show with the file's name. */
export function gabbiFailure(file: string, out: string): string {
  return `${file}:\n${out.split("\n").slice(-40).join("\n")}`;
}
