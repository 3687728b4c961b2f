// The local host driver: a "host" that is a sandbox on this machine.
//
// Each host has its own root directory (host path "/etc/x" is <root>/etc/x;
// paths that climb out of the root with ".." are rejected) and its own
// loopback address (127.x.y.z) that its services bind. The driver composes:
//   local/sandbox-files.ts      files under the root, atomic writes
//   local/sandbox-shell.ts      commands: /bin/sh -c in the root
//   local/sandbox-processes.ts  processes started detached, pid files, stop, logs
//   network-probes.ts           tcp/http probes to the host's address
//   apt/apt-packages.ts         Debian packages through dpkg/apt
//
// Packages are the exception to the sandbox: Debian packages are installed
// with this machine's dpkg/apt and are therefore MACHINE-WIDE — every local
// host sees the same package set, and installing one needs root. All local
// drivers share one LocalMachine (local/local-machine.ts) for them.

import { existsSync, readFileSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";

import {
  type CommandResult,
  type FileStat,
  type HostDriver,
  type HostReachability,
  type HostSpec,
  HostUnreachableError,
  type ProcessSpec,
  type ProcessStatus,
} from "../../contract/host-driver.js";
import type { AptPackages, PackageHost } from "./apt/apt-packages.js";
import type { LocalMachine } from "./local/local-machine.js";
import { SandboxFiles } from "./local/sandbox-files.js";
import { SandboxProcesses } from "./local/sandbox-processes.js";
import { SandboxShell, type ShellOptions } from "./local/sandbox-shell.js";
import { NetworkProbes, socketExchange } from "./network-probes.js";
import { socketSafeRoot } from "./local/socket-safe-root.js";

export { HOST_MARKER } from "./local/sandbox-files.js";

/** A file in a local host's root that takes the host down (see LocalDriver.probe). */
export const LOCAL_HOST_DOWN_MARKER = ".gantry-host-down";

export class LocalDriver implements HostDriver {
  readonly spec: HostSpec;
  readonly describe: string;
  private readonly files: SandboxFiles;
  private readonly shell: SandboxShell;
  private readonly processes: SandboxProcesses;
  private readonly probes: NetworkProbes;
  private readonly apt: AptPackages;
  private readonly packageHost: PackageHost;

  /** `machine`: this machine as every local host of an engine shares it (packages, process clock). */
  constructor(spec: HostSpec, machine: LocalMachine) {
    if (!spec.root?.startsWith("/")) {
      throw new Error(
        `local host "${spec.name}": root must be an absolute directory path (got ${JSON.stringify(spec.root)})`,
      );
    }
    if (!net.isIPv4(spec.address)) {
      throw new Error(
        `local host "${spec.name}": address must be an IPv4 address (got ${JSON.stringify(spec.address)})`,
      );
    }
    this.spec = { ...spec, root: spec.root.replace(/\/+$/, "") || "/" };
    this.describe = `local host ${spec.name} (${spec.address}, root ${this.spec.root})`;
    this.files = new SandboxFiles(this.spec.root, spec.name, this.describe);
    this.shell = new SandboxShell(this.spec, this.describe);
    this.processes = new SandboxProcesses(this.spec, this.files, machine.processClock, this.describe);
    this.probes = new NetworkProbes(spec.address);
    this.apt = machine.apt;
    this.packageHost = { name: spec.name, driver: "local" };
  }

  /**
   * A local host is down while its root holds LOCAL_HOST_DOWN_MARKER (its content says why): the way a test or an
   * operator takes a sandbox host off the network. Every operation then throws HostUnreachableError.
   */
  async probe(): Promise<HostReachability> {
    const reason = this.downReason();
    return reason === null ? { reachable: true } : { reachable: false, reason };
  }

  private downReason(): string | null {
    const marker = join(this.spec.root, LOCAL_HOST_DOWN_MARKER);
    if (!existsSync(marker)) return null;
    try {
      const text = readFileSync(marker, "utf8").trim();
      return text || "the host is marked down";
    } catch {
      return null;
    }
  }

  private answering(): void {
    const reason = this.downReason();
    if (reason !== null) throw new HostUnreachableError(this.spec.name, reason);
  }

  /** The real path on this machine of a host path. */
  realPath(hostPath: string): string {
    return this.files.realPath(hostPath);
  }

  async run(command: string, opts?: ShellOptions): Promise<CommandResult> {
    this.answering();
    return this.shell.run(command, opts);
  }

  async readFile(path: string): Promise<string | null> {
    this.answering();
    return this.files.readFile(path);
  }

  async writeFile(path: string, content: string, mode?: number): Promise<void> {
    this.answering();
    return this.files.writeFile(path, content, mode);
  }

  async statFile(path: string): Promise<FileStat | null> {
    this.answering();
    return this.files.statFile(path);
  }

  async removeFile(path: string): Promise<void> {
    this.answering();
    return this.files.removeFile(path);
  }

  /** Refuses to remove the root itself unless it carries the .gantry-host marker. */
  async removeTree(path: string): Promise<void> {
    this.answering();
    return this.files.removeTree(path);
  }

  async startProcess(spec: ProcessSpec): Promise<ProcessStatus> {
    this.answering();
    return this.processes.start(spec);
  }

  async inspectProcess(name: string): Promise<ProcessStatus> {
    this.answering();
    return this.processes.inspect(name);
  }

  async signalProcess(name: string, signal: string): Promise<void> {
    this.answering();
    return this.processes.signal(name, signal);
  }

  async stopProcess(name: string, graceMs?: number): Promise<void> {
    this.answering();
    return this.processes.stop(name, graceMs);
  }

  async listProcesses(): Promise<string[]> {
    this.answering();
    return this.processes.list();
  }

  async readProcessLog(name: string, maxBytes?: number): Promise<string | null> {
    this.answering();
    return this.processes.readLog(name, maxBytes);
  }

  async checkTcp(port: number, timeoutMs?: number): Promise<boolean> {
    this.answering();
    return this.probes.checkTcp(port, timeoutMs);
  }

  async tcpExchange(port: number, send: string, timeoutMs?: number): Promise<string | null> {
    this.answering();
    return this.probes.tcpExchange(port, send, timeoutMs);
  }

  /** The socket at a host path under the root (HAProxy's admin socket). */
  async exchangeUnixSocket(path: string, send: string, timeoutMs?: number): Promise<string | null> {
    this.answering();
    // through the root's short link when it has one: a socket path under a long root is too long to connect to
    const real = this.files.realPath(path);
    return socketExchange(
      { path: socketSafeRoot(this.spec.root) + real.slice(this.spec.root.length) },
      send,
      timeoutMs,
    );
  }

  async checkHttp(
    port: number,
    path: string,
    timeoutMs?: number,
  ): Promise<{ ok: boolean; status?: number; body?: string }> {
    this.answering();
    return this.probes.checkHttp(port, path, timeoutMs);
  }

  /** Machine-wide: the version dpkg lists as installed, or null. */
  async packageVersion(name: string): Promise<string | null> {
    this.answering();
    return this.apt.installedVersion(name, this.packageHost);
  }

  /** Machine-wide: what apt would install, or null (remembered, see AptPackages). */
  async packageCandidate(name: string): Promise<string | null> {
    this.answering();
    return this.apt.candidate(name, this.packageHost);
  }

  /** apt-get install on THIS machine: packages are machine-wide, shared by every local host; one apt at a time. */
  async installPackage(name: string, version?: string): Promise<string> {
    this.answering();
    return this.apt.install(name, version, this.packageHost);
  }

  /** apt-get purge on THIS machine (machine-wide). */
  async removePackage(name: string): Promise<void> {
    this.answering();
    return this.apt.purge(name, this.packageHost);
  }
}
