// Loads gantry's upstream ground truth from shared/reference (beside the repo).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REFERENCE_DIR = new URL("../../../shared/reference/", import.meta.url);

export function referencePath(name: string): string {
  return fileURLToPath(new URL(name, REFERENCE_DIR));
}

export function reference<T = any>(name: string): T {
  return JSON.parse(readFileSync(referencePath(name), "utf8")) as T;
}

export interface MesosFlag {
  name: string;
  required: boolean;
  negatable: boolean;
  aliases?: string[];
}
export interface MesosFlags {
  master: MesosFlag[];
  agent: MesosFlag[];
  common: MesosFlag[];
  accepted_names: { "mesos-master": string[]; "mesos-agent": string[] };
  package_conventions: any;
}

/** Flags of one daemon's own table plus the common table, by every accepted name. */
export function mesosFlagTable(daemon: "mesos-master" | "mesos-agent"): Map<string, MesosFlag> {
  const ref = reference<MesosFlags>("mesos-flags.json");
  const rows = [...(daemon === "mesos-master" ? ref.master : ref.agent), ...ref.common];
  const out = new Map<string, MesosFlag>();
  for (const r of rows) for (const n of [r.name, ...(r.aliases ?? [])]) out.set(n, r);
  return out;
}
