// The ssh host driver: a real machine reached over SSH (ssh2), one connection
// per host shared by every operation and multiplexed over channels. It composes:
//   ssh/ssh-settings.ts       user, port, key, known_hosts, sudo, jump host, timeouts, from the host spec
//   ssh/ssh-connection.ts     the connection: host key check, sessions limit, retries with backoff, a host that
//                             cannot be connected to reported unreachable (HostUnreachableError), probe()
//   ssh/remote-shell.ts       command lines: cwd, environment, remote time limit, sudo
//   ssh/operation-batch.ts    look-ups asked for at once (a refresh) share one round trip
//   ssh/remote-files.ts       files: read, atomic write, stat, remove
//   ssh/systemd-services.ts   processes as systemd units where the machine runs systemd
//   ssh/remote-processes.ts   otherwise processes started and watched as on local hosts (pid files)
//   ssh/remote-unix-socket.ts requests to Unix sockets on the host (HAProxy's admin socket) through the connection
//   network-probes.ts         tcp/http probes from this machine to the host's address
//   apt/apt-packages.ts       Debian packages through dpkg/apt on the host
//
// Host paths: "/etc/x" is <root>/etc/x on the machine; root is "/" by default.

import type {
  CommandResult,
  FileStat,
  HostDriver,
  HostReachability,
  HostSpec,
  ProcessSpec,
  ProcessStatus,
} from "../../contract/host-driver.js";
import { AptPackages, type PackageHost } from "./apt/apt-packages.js";
import { NetworkProbes } from "./network-probes.js";
import { KnownHosts } from "./ssh/known-hosts.js";
import { RemoteFiles } from "./ssh/remote-files.js";
import { RemoteProcesses } from "./ssh/remote-processes.js";
import { RemoteShell } from "./ssh/remote-shell.js";
import { RemoteUnixSocket } from "./ssh/remote-unix-socket.js";
import { SshCommandRunner } from "./ssh/ssh-command-runner.js";
import { SshConnection } from "./ssh/ssh-connection.js";
import { knownHostsName, sshSettings, type SshSettings } from "./ssh/ssh-settings.js";
import { SystemdServices } from "./ssh/systemd-services.js";

export class SshDriver implements HostDriver {
  readonly spec: HostSpec;
  readonly describe: string;
  readonly settings: SshSettings;
  private readonly connection: SshConnection;
  private readonly shell: RemoteShell;
  private readonly files: RemoteFiles;
  private readonly processes: RemoteProcesses;
  private readonly systemd: SystemdServices;
  private readonly probes: NetworkProbes;
  private readonly sockets: RemoteUnixSocket;
  private readonly apt: AptPackages;
  private readonly packageHost: PackageHost;
  private hasSystemd: Promise<boolean> | undefined;

  constructor(spec: HostSpec) {
    const root = (spec.root || "/").replace(/\/+$/, "") || "/";
    if (!root.startsWith("/")) {
      throw new Error(`ssh host "${spec.name}": root must be an absolute path (got ${JSON.stringify(spec.root)})`);
    }
    this.spec = { ...spec, root };
    this.settings = sshSettings(this.spec);
    const s = this.settings;
    this.describe =
      `ssh host ${spec.name} (${s.user}@${knownHostsName(s)}${s.jump ? ` via ${s.jump.address}` : ""}` +
      `${root === "/" ? "" : `, root ${root}`})`;
    this.connection = new SshConnection(s, new KnownHosts(s.knownHostsFile));
    this.shell = new RemoteShell(this.connection, s);
    this.files = new RemoteFiles(this.shell, root, spec.name, this.describe);
    const hostEnv = { HOST_ROOT: root, HOST_ADDRESS: spec.address, HOST_NAME: spec.name };
    this.processes = new RemoteProcesses(this.shell, this.files, spec.name, this.describe, hostEnv);
    this.systemd = new SystemdServices(this.shell, this.files, spec.name, this.describe, hostEnv);
    this.probes = new NetworkProbes(spec.address);
    this.sockets = new RemoteUnixSocket(this.connection, this.shell, s.sudo, this.describe);
    this.apt = new AptPackages(new SshCommandRunner(this.shell));
    this.packageHost = { name: spec.name, driver: "ssh" };
  }

  /**
   * Whether the host answers now: one short connect attempt (no retries). A host that cannot be connected to is
   * unreachable; a refused host key or failed authentication is thrown as the error it is.
   */
  probe(): Promise<HostReachability> {
    return this.connection.probe();
  }

  /** Connections made so far (more than one after losses). */
  get connects(): number {
    return this.connection.connects;
  }

  /** Commands sent to the host so far (look-ups asked for at once share one). */
  get roundTrips(): number {
    return this.connection.roundTrips;
  }

  async run(
    command: string,
    opts: { env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<CommandResult> {
    const timeoutMs = opts.timeoutMs ?? this.settings.commandTimeoutMs;
    try {
      return await this.shell.run(`mkdir -p -- "$HOST_ROOT" && cd "$HOST_ROOT" && ${command}`, {
        idempotent: false,
        env: { HOST_ROOT: this.spec.root, HOST_ADDRESS: this.spec.address, HOST_NAME: this.spec.name, ...opts.env },
        timeoutMs,
        signal: opts.signal,
      });
    } catch (e) {
      if (/^command timed out/.test((e as Error).message)) {
        throw new Error(`command timed out after ${timeoutMs} ms on ${this.describe}: ${command}`);
      }
      throw e;
    }
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

  /** The root goes only when it carries the .gantry-host marker; on the machine's "/" only gantry's own files go. */
  removeTree(path: string): Promise<void> {
    return this.files.removeTree(path);
  }

  async startProcess(spec: ProcessSpec): Promise<ProcessStatus> {
    return (await this.systemdPresent()) ? this.systemd.start(spec) : this.processes.start(spec);
  }

  async inspectProcess(name: string): Promise<ProcessStatus> {
    return (await this.systemdPresent()) ? this.systemd.inspect(name) : this.processes.inspect(name);
  }

  async signalProcess(name: string, signal: string): Promise<void> {
    return (await this.systemdPresent()) ? this.systemd.signal(name, signal) : this.processes.signal(name, signal);
  }

  async stopProcess(name: string, graceMs?: number): Promise<void> {
    return (await this.systemdPresent()) ? this.systemd.stop(name, graceMs) : this.processes.stop(name, graceMs);
  }

  async listProcesses(): Promise<string[]> {
    return (await this.systemdPresent()) ? this.systemd.list() : this.processes.list();
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

  /**
   * The Unix socket at a host path (HAProxy's admin socket), reached through the SSH connection (a stream-local
   * channel, or socat on the host with sudo): what it answered to `send`, or null when nothing listens there.
   */
  exchangeUnixSocket(path: string, send: string, timeoutMs = 2000): Promise<string | null> {
    return this.sockets.exchange(this.files.machinePath(path), send, timeoutMs);
  }

  checkHttp(port: number, path: string, timeoutMs?: number): Promise<{ ok: boolean; status?: number; body?: string }> {
    return this.probes.checkHttp(port, path, timeoutMs);
  }

  packageVersion(name: string): Promise<string | null> {
    return this.apt.installedVersion(name, this.packageHost);
  }

  packageCandidate(name: string): Promise<string | null> {
    return this.apt.candidate(name, this.packageHost);
  }

  installPackage(name: string, version?: string): Promise<string> {
    return this.apt.install(name, version, this.packageHost);
  }

  removePackage(name: string): Promise<void> {
    return this.apt.purge(name, this.packageHost);
  }

  /** Closes the connection (a later operation connects again). */
  close(): void {
    this.connection.close();
  }

  /** Whether the machine runs systemd (asked once): its processes then become units. */
  private systemdPresent(): Promise<boolean> {
    const root = this.spec.root;
    // a host rooted in a directory of a bigger machine does not own that machine's units
    if (root !== "/") return Promise.resolve(false);
    this.hasSystemd ??= this.shell.operation("[ -d /run/systemd/system ]").then((r) => r.exitCode === 0);
    const asked = this.hasSystemd;
    asked.catch(() => {
      if (this.hasSystemd === asked) this.hasSystemd = undefined;
    });
    return asked;
  }
}
