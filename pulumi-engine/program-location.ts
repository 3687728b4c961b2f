// Where a Pulumi program runs from, as Pulumi's engine works it out from Pulumi.yaml `main` (getPwdMain): no `main`,
// the project's directory and "."; a `main` (relative to the project's directory, or absolute) naming a directory,
// that directory and "."; naming a file, its directory and its base name. The program runs with that directory as
// its working directory (and so does the dynamic-provider plugin); a `main` that does not exist is an error naming it.

import { statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { PulumiProject } from "./config/project-file.js";

export interface ProgramLocation {
  /** The program's working directory. */
  pwd: string;
  /** Its entry, relative to pwd: "." (the package's main, else index) or a file name. */
  main: string;
}

export function programLocation(project: PulumiProject): ProgramLocation {
  if (!project.main) return { pwd: project.dir, main: "." };
  const main = isAbsolute(project.main) ? resolve(project.main) : resolve(join(project.dir, project.main));
  let isDir: boolean;
  try {
    isDir = statSync(main).isDirectory();
  } catch (e) {
    throw project.source.error(
      ["main"],
      `project 'main' could not be read: ${main} does not exist (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
  return isDir ? { pwd: main, main: "." } : { pwd: dirname(main), main: basename(main) };
}
