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

import * as net from "node:net";

import type {
  CommandResult,
  FileStat,
  HostDriver,
  HostSpec,
  ProcessSpec,
  ProcessStatus,
} from "../../contract/host-driver.js";
import type { AptPackages, PackageHost } from "./apt/apt-packages.js";
import type { LocalMachine } from "./local/local-machine.js";
import { SandboxFiles } from "./local/sandbox-files.js";
import { SandboxProcesses } from "./local/sandbox-processes.js";
import { SandboxShell, type ShellOptions } from "./local/sandbox-shell.js";
import { NetworkProbes } from "./network-probes.js";

export { HOST_MARKER } from "./local/sandbox-files.js";

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

  /** The real path on this machine of a host path. */
  realPath(hostPath: string): string {
    return this.files.realPath(hostPath);
  }

  run(command: string, opts?: ShellOptions): Promise<CommandResult> {
    return this.shell.run(command, opts);
  }

  readFile(path: string): Promise<string | null> {
    return this.files.readFile(path);
  }

  writeFile(path: string, content: string, mode?: number): Promise<void> {
    return this.files.writeFile(path, content, mode);
  }

  statFile(path: string): Promise<FileStat | null> {
    return this.files.statFile(path);
  }

  removeFile(path: string): Promise<void> {
    return this.files.removeFile(path);
  }

  /** Refuses to remove the root itself unless it carries the .gantry-host marker. */
  removeTree(path: string): Promise<void> {
    return this.files.removeTree(path);
  }

  startProcess(spec: ProcessSpec): Promise<ProcessStatus> {
    return this.processes.start(spec);
  }

  inspectProcess(name: string): Promise<ProcessStatus> {
    return this.processes.inspect(name);
  }

  signalProcess(name: string, signal: string): Promise<void> {
    return this.processes.signal(name, signal);
  }

  stopProcess(name: string, graceMs?: number): Promise<void> {
    return this.processes.stop(name, graceMs);
  }

  listProcesses(): Promise<string[]> {
    return this.processes.list();
  }

  readProcessLog(name: string, maxBytes?: number): Promise<string | null> {
    return this.processes.readLog(name, maxBytes);
  }

  checkTcp(port: number, timeoutMs?: number): Promise<boolean> {
    return this.probes.checkTcp(port, timeoutMs);
  }

  tcpExchange(port: number, send: string, timeoutMs?: number): Promise<string | null> {
    return this.probes.tcpExchange(port, send, timeoutMs);
  }

  checkHttp(port: number, path: string, timeoutMs?: number): Promise<{ ok: boolean; status?: number; body?: string }> {
    return this.probes.checkHttp(port, path, timeoutMs);
  }

  /** Machine-wide: the version dpkg lists as installed, or null. */
  packageVersion(name: string): Promise<string | null> {
    return this.apt.installedVersion(name, this.packageHost);
  }

  /** Machine-wide: what apt would install, or null (remembered, see AptPackages). */
  packageCandidate(name: string): Promise<string | null> {
    return this.apt.candidate(name, this.packageHost);
  }

  /** apt-get install on THIS machine: packages are machine-wide, shared by every local host; one apt at a time. */
  installPackage(name: string, version?: string): Promise<string> {
    return this.apt.install(name, version, this.packageHost);
  }

  /** apt-get purge on THIS machine (machine-wide). */
  removePackage(name: string): Promise<void> {
    return this.apt.purge(name, this.packageHost);
  }
}
