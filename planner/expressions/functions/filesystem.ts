// Filesystem functions (Terraform's docs: "Filesystem Functions"). Relative paths are read from the
// configuration directory.

import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { isAbsolute, join, posix, resolve } from "node:path";
import { withCollectionKind } from "../../../contract/values.js";
import { asString } from "./argument-conversion.js";
import { FunctionError, type FunctionContext, type FunctionTable } from "./definition.js";
import { renderTemplate } from "./template-rendering.js";

/** tinyglobby, loaded when `fileset` first runs rather than at every start. */
const requireHere = createRequire(import.meta.url);
const tinyglobby = (): typeof import("tinyglobby") => requireHere("tinyglobby");

/** `~` at the start of a path is the user's home directory. */
function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return path;
}

function configPath(path: string, ctx: FunctionContext): string {
  const p = expandHome(path);
  return isAbsolute(p) ? p : join(ctx.scope.pathModule, p);
}

/** The bytes of a file of the configuration (a missing one is Terraform's error). */
export function readConfigFile(path: string, ctx: FunctionContext): Buffer {
  const full = configPath(path, ctx);
  try {
    return readFileSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new FunctionError(
        `no file exists at ${JSON.stringify(path)}; this function works only with files that are distributed as ` +
          "part of the configuration source code, so if this file will be created by a resource in this " +
          "configuration you must instead obtain this result from an attribute of that resource",
        0,
      );
    throw new FunctionError(`failed to read file: ${(e as Error).message}`, 0);
  }
}

function readText(path: string, ctx: FunctionContext): string {
  const bytes = readConfigFile(path, ctx);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FunctionError(
      `contents of ${JSON.stringify(path)} are not valid UTF-8; use the filebase64 function to obtain the Base64 ` +
        "encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results " +
        "instead",
      0,
    );
  }
}

/** Go's filepath.Clean for slash paths. */
function clean(p: string): string {
  if (p === "") return ".";
  const out = posix.normalize(p);
  return out.length > 1 ? out.replace(/\/$/, "") : out;
}

/** Go's filepath.Dir. */
function goDir(p: string): string {
  const i = p.lastIndexOf("/");
  return clean(p.slice(0, i + 1));
}

/** Go's filepath.Base. */
function goBase(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

export const FILESYSTEM_FUNCTIONS: FunctionTable = {
  abspath: {
    params: ["path"],
    impl: ([p], ctx) => resolve(ctx.scope.cwd, asString(p, 0)),
  },
  dirname: { params: ["path"], impl: ([p]) => goDir(asString(p, 0)) },
  basename: { params: ["path"], impl: ([p]) => goBase(asString(p, 0)) },
  pathexpand: { params: ["path"], impl: ([p]) => expandHome(asString(p, 0)) },
  file: { params: ["path"], impl: ([p], ctx) => readText(asString(p, 0), ctx) },
  filebase64: { params: ["path"], impl: ([p], ctx) => readConfigFile(asString(p, 0), ctx).toString("base64") },
  fileexists: {
    params: ["path"],
    impl: ([p], ctx) => {
      const path = asString(p, 0);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(configPath(path, ctx));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw new FunctionError(`failed to stat ${JSON.stringify(path)}`);
      }
      if (st.isFile()) return true;
      if (st.isDirectory()) throw new FunctionError(`${JSON.stringify(path)} is a directory, not a file`, 0);
      throw new FunctionError(`${JSON.stringify(path)} is not a regular file`, 0);
    },
  },
  fileset: {
    params: ["path", "pattern"],
    impl: ([p, pat], ctx) => {
      const base = configPath(asString(p, 0), ctx);
      const pattern = asString(pat, 1);
      let found: string[];
      try {
        found = tinyglobby().globSync(pattern, { cwd: base, dot: true, onlyFiles: true, expandDirectories: false });
      } catch (e) {
        throw new FunctionError(`failed to glob pattern ${JSON.stringify(pattern)}: ${(e as Error).message}`);
      }
      return withCollectionKind(found.sort(), "set");
    },
  },
  templatefile: {
    params: ["path", "vars"],
    impl: ([p, vars], ctx) => {
      const path = asString(p, 0);
      return renderTemplate(readText(path, ctx), vars, ctx.scope, "templatefile", path);
    },
  },
};
