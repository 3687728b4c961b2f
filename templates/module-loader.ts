// Loading the modules a configuration calls: each call's local `source` directory (relative to the calling module's
// directory) is read with the same front ends into a child Config, recursively, and the call's inputs are checked
// against the module's variables with Terraform's messages. Module files are kept in the root Config's files with
// paths relative to the root directory, so errors are located and saved plans embed them.

import * as path from "node:path";
import type { DiagnosticBag } from "../contract/diagnostics.js";
import type { Config, ModuleCallConfig, SourceFile } from "../planner/model.js";

/** The configuration files of a module directory (paths relative to the root), undefined when it does not exist. */
export type ModuleDirReader = (dir: string) => Promise<SourceFile[] | undefined>;

/** Builds the Config of a directory from its files, reporting into the loader's diagnostics. */
export type DirBuilder = (dir: string, files: SourceFile[]) => Promise<Config>;

/** Deeper than this, a module calling modules is taken for a loop of sources. */
const MAX_DEPTH = 32;

export function isLocalModuleSource(source: string): boolean {
  return source.startsWith("./") || source.startsWith("../") || source === "." || source === "..";
}

export async function loadModules(
  root: Config,
  rootDir: string,
  read: ModuleDirReader,
  build: DirBuilder,
  bag: DiagnosticBag,
): Promise<void> {
  const seenFiles = new Set(root.files.map((f) => f.path));
  const visit = async (config: Config, chain: string[]): Promise<void> => {
    for (const call of config.modules?.values() ?? []) {
      // built by its front end already (a Heat nested stack: templates/hot/provider-template.ts)
      if (call.config) continue;
      const where = [...chain, `module.${call.name}`].join(".");
      if (!isLocalModuleSource(call.source)) {
        bag.error(
          `Unsupported module source "${call.source}"`,
          call.sourceOrigin,
          `Module "${where}" has source "${call.source}": gantry supports only local module paths, which begin ` +
            `with "./" or "../" (registry, git and other remote sources are not supported).`,
        );
        continue;
      }
      const dir = path.resolve(config.dir, call.source);
      if (chain.length >= MAX_DEPTH) {
        bag.error(
          `Module "${where}" is nested too deeply`,
          call.sourceOrigin,
          `Modules call each other more than ${MAX_DEPTH} levels deep; does "${call.source}" call itself?`,
        );
        continue;
      }
      const files = await read(dir);
      if (files === undefined) {
        bag.error(
          `Unreadable module directory`,
          call.sourceOrigin,
          `Module "${where}" has source "${call.source}", but the directory ` +
            `${path.relative(rootDir, dir) || "."} does not exist.`,
        );
        continue;
      }
      const child = await build(dir, files);
      for (const f of child.files)
        if (!seenFiles.has(f.path)) {
          seenFiles.add(f.path);
          root.files.push(f);
        }
      call.config = child;
      checkInputs(call, child, bag);
      await visit(child, [...chain, `module.${call.name}`]);
    }
  };
  await visit(root, []);
}

/** Every input names a variable of the module; every variable without a default has an input. */
function checkInputs(call: ModuleCallConfig, child: Config, bag: DiagnosticBag): void {
  for (const [name, input] of Object.entries(call.inputs))
    if (!child.variables.has(name))
      bag.error(
        "Unsupported argument",
        input.origin,
        `An argument named "${name}" is not expected here (module "${call.name}" declares no variable "${name}").`,
      );
  for (const v of child.variables.values())
    if (!v.hasDefault && !Object.hasOwn(call.inputs, v.name))
      bag.error(
        "Missing required argument",
        call.origin,
        `The argument "${v.name}" is required, but no definition was found (module "${call.name}" declares ` +
          `variable "${v.name}" without a default).`,
      );
}
