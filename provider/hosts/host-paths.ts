// Host paths: a host path such as "/etc/x" names a file inside the host's own
// filesystem. These helpers normalise host paths and refuse ones that climb
// out of the host with "..". Shared by the local and the simulated driver so
// both accept and reject exactly the same paths.

/** Characters allowed in a process name (used in file names on the host). */
const PROCESS_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Normalises a host path to an absolute POSIX path ("/etc/x"). Relative paths
 * are taken relative to the host root. Throws when ".." would escape the root
 * or the path contains a NUL byte.
 */
export function normalizeHostPath(path: string, hostName: string): string {
  if (typeof path !== "string" || path.length === 0) {
    throw new Error(`host "${hostName}": empty path`);
  }
  if (path.includes("\0")) {
    throw new Error(`host "${hostName}": path contains a NUL byte: ${JSON.stringify(path)}`);
  }
  const parts: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) {
        throw new Error(`host "${hostName}": path ${JSON.stringify(path)} escapes the host root`);
      }
      parts.pop();
      continue;
    }
    parts.push(segment);
  }
  return `/${parts.join("/")}`;
}

/** Throws unless `name` is usable as a process name (it becomes part of file names). */
export function checkProcessName(name: string, hostName: string): void {
  if (typeof name !== "string" || !PROCESS_NAME.test(name)) {
    throw new Error(
      `host "${hostName}": invalid process name ${JSON.stringify(name)} (letters, digits, ".", "_", "-"; not ` +
        `starting with "." or "-")`,
    );
  }
}

/** Debian package names (policy 5.6.1), plus an optional "=version" kept separate by callers. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
const PACKAGE_VERSION = /^[A-Za-z0-9.+~:-]+$/;

export function checkPackageName(name: string, hostName: string): void {
  if (typeof name !== "string" || !PACKAGE_NAME.test(name)) {
    throw new Error(`host "${hostName}": invalid Debian package name ${JSON.stringify(name)}`);
  }
}

/** A Debian version, or a prefix pattern ending in "*" (apt's name=1.0.1-* glob). */
export function checkPackageVersion(version: string, hostName: string): void {
  if (
    typeof version !== "string" ||
    !PACKAGE_VERSION.test(version.endsWith("*") ? version.slice(0, -1).replace(/[-.~+]$/, "") || "x" : version)
  ) {
    throw new Error(`host "${hostName}": invalid Debian package version ${JSON.stringify(version)}`);
  }
}
