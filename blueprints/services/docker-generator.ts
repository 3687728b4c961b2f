// Docker service generator: what the mesos_docker role needs on a Mesos agent.
// The agent side (containerizers=docker,mesos, executor_registration_timeout=5mins)
// is written by mesosAgentFiles({ docker: true }); this module names the package and
// the daemon, and says plainly that Docker does not run on gantry's own machines.

import type { DaemonCommand } from "./generated-service.js";

/** Debian's Docker engine package (dockerd, containerd and runc come with it). */
export const DOCKER_PACKAGE = "docker.io";
export const DOCKER_SOCKET = "/var/run/docker.sock";

/** Agent flags the mesos_docker role sets (see mesos-generator.ts). */
export const DOCKER_AGENT_FLAGS = { containerizers: "docker,mesos", executor_registration_timeout: "5mins" } as const;

/** A statement the caller can show wherever a plan includes the mesos_docker role. */
export const DOCKER_UNAVAILABLE =
  "Docker cannot run on our machines: dockerd needs a privileged host (its own cgroups, " +
  "namespaces, iptables and an overlay or devicemapper storage driver), and the machines gantry " +
  "is developed and tested on are unprivileged containers without them. The mesos_docker role " +
  `still installs the ${DOCKER_PACKAGE} package and configures the agent for Docker ` +
  "(--containerizers=docker,mesos, --executor_registration_timeout=5mins), but Docker tasks " +
  "can only be exercised on a real host or VM.";

export interface DockerRequirements {
  packages: string[];
  agentFlags: Record<string, string>;
  statement: string;
}

/** What a node with the mesos_docker role needs. */
export function dockerRequirements(): DockerRequirements {
  return { packages: [DOCKER_PACKAGE], agentFlags: { ...DOCKER_AGENT_FLAGS }, statement: DOCKER_UNAVAILABLE };
}

/** dockerd in the foreground as Debian's docker.service runs it (for real hosts only). */
export function dockerCommand(): DaemonCommand {
  return {
    name: "dockerd",
    command: "/usr/sbin/dockerd",
    args: ["-H", `unix://${DOCKER_SOCKET}`, "--containerd=/run/containerd/containerd.sock"],
    ports: [],
    reload: "kill -HUP <dockerd pid> (re-reads /etc/docker/daemon.json)",
  };
}
