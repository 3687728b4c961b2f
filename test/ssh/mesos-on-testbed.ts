// examples/mesos-cluster on a testbed, as an operator runs it: the example
// copied to a directory of its own with the example's testbed inventory
// (testbed.vars.yaml) pointed at this testbed, every step a real CLI run, and
// the checks made from inside the hosts' namespaces.

import { execFileSync } from "node:child_process";
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantryAsync, type CliResult } from "../cli/cli-harness.js";
import type { Testbed } from "./testbed.js";

const EXAMPLE = new URL("../../examples/mesos-cluster/", import.meta.url).pathname;

/** The example's directory, host name → testbed host number (node-N is host N). */
export class MesosOnTestbed {
  readonly dir: string;

  constructor(readonly bed: Testbed) {
    this.dir = mkdtempSync(join(tmpdir(), `gantry-${bed.name}-`));
    cpSync(join(EXAMPLE, "cluster.gantry.yaml"), join(this.dir, "cluster.gantry.yaml"));
    // the example's own inventory, moved to this testbed's subnet, key and known_hosts
    const inventory = readFileSync(join(EXAMPLE, "testbed.vars.yaml"), "utf8")
      .replace('address_prefix: "10.213.0"', `address_prefix: "10.213.${bed.net}"`)
      .replaceAll("/tmp/gantry-testbed-gtb/", `${bed.dir}/`);
    if (!inventory.includes(`10.213.${bed.net}"`)) throw new Error("testbed.vars.yaml has no address_prefix");
    writeFileSync(join(this.dir, "testbed.vars.yaml"), inventory);
  }

  /** A gantry command on the example with the testbed inventory; throws with its output unless it exits 0. */
  async cli(args: string[], allowed: number[] = [0]): Promise<CliResult> {
    const r = await gantryAsync([...args, "-no-color", "-var-file", join(this.dir, "testbed.vars.yaml"), this.dir]);
    if (!allowed.includes(r.code))
      throw new Error(`gantry ${args.join(" ")} exited ${r.code}:\n${(r.stdout + r.stderr).slice(-4000)}`);
    return r;
  }

  state(): { resources: { address: string; index_key?: string; attributes: Record<string, any> }[] } {
    return JSON.parse(readFileSync(join(this.dir, "gantry.tfstate"), "utf8"));
  }

  /** The cluster resource's recorded attributes (placement, tasks, zookeeper_ids, failed_hosts). */
  cluster(): Record<string, any> {
    return this.state().resources.find((r) => r.address === "gantry_cluster.mesos")!.attributes;
  }

  /** The testbed host number of a cluster host. */
  hostIndex(name: string): number {
    return Number(/^node-(\d+)$/.exec(name)![1]);
  }

  /** Testbed host numbers of a node group's hosts, by the recorded placement ("zookeeper", "agent", "lb"). */
  hostsOf(group: string): number[] {
    const placement = this.cluster().placement as Record<string, string>;
    return Object.entries(placement)
      .filter(([node]) => node.startsWith(`${group}-`))
      .map(([, host]) => this.hostIndex(host));
  }

  /**
   * The command lines of host i's processes (those in its network namespace: the hosts share this machine's pid
   * namespace, so `ps` inside one lists every process of the machine).
   */
  commandsIn(i: number): string[] {
    const pids = execFileSync("ip", ["netns", "pids", this.bed.hosts[i - 1]!.namespace], { encoding: "utf8" });
    return pids
      .split("\n")
      .filter((p) => p.trim() !== "")
      .flatMap((p) => {
        try {
          return [readFileSync(`/proc/${p.trim()}/cmdline`, "utf8").replaceAll("\0", " ").trim()];
        } catch {
          return [];
        }
      });
  }

  /** The answer of ZooKeeper's four-letter word `word`, asked inside host i's namespace at its own address. */
  fourLetterWord(i: number, word: string): string {
    const address = this.bed.hosts[i - 1]!.address;
    try {
      return this.bed.inHost(
        i,
        `timeout 3 bash -c 'exec 3<>/dev/tcp/${address}/2181 && printf ${word} >&3 && cat <&3' 2>/dev/null || true`,
      );
    } catch {
      return "";
    }
  }

  /** Each ZooKeeper member's mode ("leader", "follower", "down"), by testbed host number. */
  zookeeperModes(): Map<number, string> {
    return new Map(
      this.hostsOf("zookeeper").map((i) => [i, /Mode: (\w+)/.exec(this.fourLetterWord(i, "srvr"))?.[1] ?? "down"]),
    );
  }

  /** Whether the ensemble has exactly one leader and every other member follows. */
  ensembleWhole(): boolean {
    const modes = [...this.zookeeperModes().values()];
    return modes.filter((m) => m === "leader").length === 1 && modes.every((m) => m === "leader" || m === "follower");
  }

  /** HAProxy's address and route (the example's lb host, port 10000). */
  routeUrl(): string {
    return `http://${this.bed.hosts[this.hostsOf("lb")[0]! - 1]!.address}:10000/`;
  }

  /** The distinct answers of `tries` requests through HAProxy. */
  async servedThroughHaproxy(tries = 12): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let k = 0; k < tries; k++) {
      try {
        const r = await fetch(this.routeUrl(), { signal: AbortSignal.timeout(5000) });
        if (r.ok) seen.add((await r.text()).trim());
      } catch {
        /* counted by its absence */
      }
    }
    return seen;
  }
}

/**
 * What a host holds, file by file (its own directories on this machine: path, type, mode, size, mtime or link
 * target) and its /run and /tmp (private to its mount namespace, listed from inside): equal before apply and after
 * destroy when gantry left nothing behind.
 */
export function hostSnapshot(bed: Testbed, i: number): Map<string, string> {
  const out = new Map<string, string>();
  const root = bed.hosts[i - 1]!.dir;
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = `${rel}/${name}`;
      const st = lstatSync(join(root, path));
      if (st.isDirectory()) {
        out.set(path, `dir ${st.mode.toString(8)}`);
        walk(path);
      } else if (st.isSymbolicLink()) out.set(path, `link ${readlinkSync(join(root, path))}`);
      else out.set(path, `file ${st.mode.toString(8)} ${st.size} ${st.mtimeMs}`);
    }
  };
  for (const top of ["etc", "var", "srv", "opt", "root", "home"]) walk(top);
  for (const line of bed.inHost(i, "find /run /tmp -mindepth 1 ! -path '/run/sshd*' | sort").split("\n"))
    if (line) out.set(line, "inside");
  return out;
}

/** The differences between two snapshots, one line each ("+ path", "- path", "~ path: before -> after"). */
export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after) {
    if (!before.has(p)) out.push(`+ ${p}`);
    else if (before.get(p) !== v) out.push(`~ ${p}: ${before.get(p)} -> ${v}`);
  }
  for (const p of before.keys()) if (!after.has(p)) out.push(`- ${p}`);
  return out.sort();
}
