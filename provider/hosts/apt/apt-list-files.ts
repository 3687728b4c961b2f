// apt's package list files on a machine, as AptLists needs to see them: are
// there any, and a stamp that changes whenever they (or the sources they are
// read from) change. On this machine the files are read directly
// (local/local-apt-list-files.ts); elsewhere through commands
// (apt-list-files-by-command.ts).

export const LISTS_DIR = "/var/lib/apt/lists";
/** What the stamp covers: the lists and the sources they are read from. */
export const STAMPED_PATHS: readonly string[] = [LISTS_DIR, "/etc/apt/sources.list", "/etc/apt/sources.list.d"];

export interface AptListFiles {
  /** Names of the files in LISTS_DIR, or null when there is no such directory (not a Debian machine). */
  names(): Promise<string[] | null>;
  /**
   * The modification times (milliseconds, as Node's fs.Stats mtimeMs prints them) of STAMPED_PATHS
   * joined by ":" ("-" for a missing path), or "" when they cannot be read.
   */
  stamp(): Promise<string>;
}

/** Whether a file in LISTS_DIR is a package list (apt keeps them plain or lz4-compressed). */
export function isPackageList(fileName: string): boolean {
  return fileName.endsWith("_Packages") || fileName.endsWith("_Packages.lz4");
}
