// What each placed node needs, role by role: the packages, the files the
// upstream packages read and the daemons to run, as the service generators in
// blueprints/services write them.

import { createHash } from "node:crypto";
import { HAPROXY_CFG, HAPROXY_STATS_PORT } from "../provider/formats/haproxy-cfg.js";
import type { Blueprint, InventoryHost, NodeGroup, Placement, Role } from "./blueprint.js";
import type { Distro } from "./distro-manifest.js";
import type { ClusterTopology } from "./expansion/topology.js";
import { chronosCommand, chronosFiles } from "./services/chronos-generator.js";
import { DOCKER_UNAVAILABLE, dockerCommand } from "./services/docker-generator.js";
import type { DaemonCommand, ServiceFile } from "./services/generated-service.js";
import { haproxyCommand } from "./services/haproxy-generator.js";
import { marathonCommand, marathonFiles } from "./services/marathon-generator.js";
import {
  mesosAgentCommand,
  mesosAgentFiles,
  mesosMasterCommand,
  mesosMasterFiles,
} from "./services/mesos-generator.js";
import { zookeeperCommand, zookeeperFiles } from "./services/zookeeper-generator.js";

export interface NodePackage {
  name: string;
  version?: string;
  /** Packages with no installation candidate are recorded as skipped (their services are not started), not failing. */
  ifUnavailable?: "skip";
  /** Installed only when these are. */
  requires?: string[];
}

export interface NodeService extends DaemonCommand {
  role: Role;
  /** Packages the daemon comes from: without them it is not started. */
  requires: string[];
  /** Restarts the daemon when it changes: the versions of its packages. */
  restartTriggers?: Record<string, string>;
  /** What a service that cannot run here would need, said plainly. */
  note?: string;
}

/** A file the node needs; an APT source comes before the packages (they are installed from it). */
export interface NodeFile extends ServiceFile {
  packageSource?: true;
}

export interface NodeSetup {
  placement: Placement;
  group: NodeGroup;
  host: InventoryHost;
  packages: NodePackage[];
  files: NodeFile[];
  services: NodeService[];
}

/** Flag overrides a node group gives a service, under the role name or the daemon name. */
function overrides(group: NodeGroup, ...names: string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const n of names)
    for (const [k, v] of Object.entries(group.configuration[n] ?? {}))
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  return out;
}

/** Paths inside generated content are real paths on the machine: a local host's root comes first. */
function within(prefix: string, path: string): string {
  return prefix ? `${prefix}${path}` : path;
}

/** Generated file paths are host paths: strip the local root again. */
function hostPaths(prefix: string, files: ServiceFile[]): ServiceFile[] {
  return prefix
    ? files.map((f) => ({ ...f, path: f.path.startsWith(`${prefix}/`) ? f.path.slice(prefix.length) : f.path }))
    : files;
}

export function nodeSetup(
  bp: Blueprint,
  distro: Distro,
  topo: ClusterTopology,
  p: Placement,
  group: NodeGroup,
  host: InventoryHost,
  fsPrefix: string,
): NodeSetup {
  const plan: NodeSetup = { placement: p, group, host, packages: [], files: [], services: [] };
  /** Which role each file configures (its daemon restarts when the file changes). */
  const fileRole = new Map<NodeFile, Role>();
  const addFiles = (role: Role, files: ServiceFile[]) => {
    for (const f of files) {
      plan.files.push(f);
      fileRole.set(f, role);
    }
  };
  const has = (r: Role) => group.roles.includes(r);
  const pkg = (name: string, version?: string, more: Omit<NodePackage, "name" | "version"> = {}) => {
    if (!plan.packages.some((x) => x.name === name))
      plan.packages.push({ name, ...(version ? { version } : {}), ...more });
  };
  // Mesosphere's packages come from their repository; where it cannot be reached, they are skipped, not fatal
  const optional = { ifUnavailable: "skip" as const };
  const repoFile = () => {
    for (const repo of distro.repositories) {
      const path = `/etc/apt/sources.list.d/${repo.name}.list`;
      const content = `# ${repo.provides.join(", ")} (gantry distro ${distro.name} ${distro.version})\n${repo.line}\n`;
      if (!plan.files.some((f) => f.path === path))
        plan.files.push({ path, content, mode: "0644", packageSource: true });
    }
  };

  if (has("zookeeper")) {
    pkg(distro.packages.java);
    pkg(distro.packages.zookeeper);
    const cfgPath = within(fsPrefix, "/etc/zookeeper/conf/zoo.cfg");
    addFiles(
      "zookeeper",
      hostPaths(
        fsPrefix,
        zookeeperFiles({
          members: topo.zookeeper,
          self: topo.zkIdOf.get(p.node)!,
          clientPortAddress: host.address,
          dataDir: within(fsPrefix, "/var/lib/zookeeper"),
          cfgPath,
        }),
      ),
    );
    const zk = zookeeperCommand({ cfgPath, logDir: within(fsPrefix, "/var/log/zookeeper") });
    plan.services.push({
      ...zk,
      // "srvr" answers with the member's role in the ensemble: healthy means it has joined one
      health_check: {
        type: "tcp",
        port: zk.health_check!.port,
        send: "srvr\n",
        expect: "Mode: (leader|follower|standalone)",
      } as NodeService["health_check"],
      role: "zookeeper",
      requires: [distro.packages.zookeeper, distro.packages.java],
    });
  }
  if (has("mesos_master")) {
    repoFile();
    pkg(distro.packages.mesos, `${distro.mesos}-*`, optional);
    addFiles(
      "mesos_master",
      hostPaths(
        fsPrefix,
        mesosMasterFiles({
          zookeeper: topo.zookeeper,
          zkPath: bp.zk_path,
          masters: topo.masters.length,
          address: host.address,
          cluster: bp.name,
          workDir: within(fsPrefix, "/var/lib/mesos"),
          overrides: overrides(group, "mesos_master", "mesos-master"),
        }),
      ),
    );
    plan.services.push({ ...mesosMasterCommand(), role: "mesos_master", requires: [distro.packages.mesos] });
  }
  if (has("mesos_slave")) {
    repoFile();
    pkg(distro.packages.mesos, `${distro.mesos}-*`, optional);
    addFiles(
      "mesos_slave",
      hostPaths(
        fsPrefix,
        mesosAgentFiles({
          zookeeper: topo.zookeeper,
          zkPath: bp.zk_path,
          address: host.address,
          docker: has("mesos_docker"),
          ...(host.rack ? { rack: host.rack } : {}),
          resources: { cpus: group.cpus, mem: group.memory_mb },
          workDir: within(fsPrefix, "/var/lib/mesos"),
          overrides: overrides(group, "mesos_slave", "mesos_agent", "mesos-agent", "mesos-slave"),
        }),
      ),
    );
    plan.services.push({ ...mesosAgentCommand(), role: "mesos_slave", requires: [distro.packages.mesos] });
  }
  if (has("mesos_docker")) {
    // Docker serves the Mesos agent: it is installed only where the agent's package is
    pkg(distro.packages.docker, undefined, { ...optional, requires: [distro.packages.mesos] });
    plan.services.push({
      ...dockerCommand(),
      role: "mesos_docker",
      requires: [distro.packages.docker, distro.packages.mesos],
      note: DOCKER_UNAVAILABLE,
    });
  }
  if (has("mesos_marathon")) {
    repoFile();
    pkg(distro.packages.marathon, `${distro.marathon}-*`, optional);
    addFiles(
      "mesos_marathon",
      hostPaths(
        fsPrefix,
        marathonFiles({
          zookeeper: topo.zookeeper,
          mesosZkPath: bp.zk_path,
          hostname: host.address,
          overrides: overrides(group, "mesos_marathon", "marathon"),
        }),
      ),
    );
    plan.services.push({
      ...marathonCommand({ noLogger: true }),
      role: "mesos_marathon",
      requires: [distro.packages.marathon],
    });
  }
  if (has("mesos_chronos")) {
    repoFile();
    pkg(distro.packages.chronos, `${distro.chronos}-*`, optional);
    addFiles(
      "mesos_chronos",
      hostPaths(
        fsPrefix,
        chronosFiles({
          zookeeper: topo.zookeeper,
          mesosZkPath: bp.zk_path,
          hostname: host.address,
          overrides: overrides(group, "mesos_chronos", "chronos"),
        }),
      ),
    );
    plan.services.push({
      ...chronosCommand({ noLogger: true, apiPrefix: distro.chronos_api_prefix }),
      role: "mesos_chronos",
      requires: [distro.packages.chronos],
    });
  }
  if (has("haproxy")) {
    pkg(distro.packages.haproxy);
    const cmd = haproxyCommand({ cfgPath: within(fsPrefix, HAPROXY_CFG) });
    plan.services.push({
      ...cmd,
      ports: [...new Set([...cmd.ports, HAPROXY_STATS_PORT, ...bp.routes.map((r) => r.service_port)])],
      health_check: { type: "http", port: HAPROXY_STATS_PORT, path: "/_haproxy_health_check" },
      role: "haproxy",
      requires: [distro.packages.haproxy],
    });
  }
  // A new package version (a distro upgrade) or new configuration (a member added to the
  // ensemble, a changed quorum) restarts the daemons they belong to; in a rolling group
  // that happens one member or batch at a time.
  for (const svc of plan.services) {
    const versions = Object.fromEntries(
      svc.requires.map((n) => [n, plan.packages.find((p) => p.name === n)?.version ?? "any"]),
    );
    const files = plan.files.filter((f) => fileRole.get(f) === svc.role);
    const config = createHash("sha256");
    for (const f of files) config.update(`${f.path}\0${f.content}\0`);
    svc.restartTriggers = { ...versions, ...(files.length ? { configuration: config.digest("hex") } : {}) };
  }
  return plan;
}
