// How work reaches a host. A driver knows nothing of the planner.

export interface HostSpec {
  /** Host name as declared. */
  name: string;
  /** "local" | "ssh" | "sim". */
  driver: string;
  /** IP address the host's services bind (local: a distinct 127.x.y.z per host). */
  address: string;
  /** Root directory of the host's filesystem (local: a sandbox directory on this machine). */
  root: string;
  /** Driver-specific settings (sim: latency_ms, failures; ssh: user, port, private_key_file, known_hosts_file, ...). */
  options?: Record<string, unknown>;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessSpec {
  /** Unique name of the process on this host. */
  name: string;
  command: string;
  args?: string[];
  env?: Record<string, string>;
  /** Working directory as a host path ("/" is the host root). */
  cwd?: string;
  /** Ports the process listens on (the sim driver answers health checks from these). */
  ports?: number[];
}

export interface ProcessStatus {
  running: boolean;
  pid?: number;
  /** Milliseconds since epoch when the process started (used to detect pid reuse). */
  startedAt?: number;
}

export interface FileStat {
  mode: number;
  size: number;
}

/** Whether a host answers; `reason` says why not (connection refused, timed out, marked down). */
export interface HostReachability {
  reachable: boolean;
  reason?: string;
}

/**
 * A host that does not answer: every operation of its driver throws this while it is so. The planner keeps the
 * host's resources as they were recorded (unknown, not deleted) and fails only the operations on it.
 */
export class HostUnreachableError extends Error {
  override readonly name = "HostUnreachableError";
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`host ${host} is unreachable: ${reason}`);
  }
}

/** Whether an error says its host is unreachable (also across copies of this module). */
export function isHostUnreachable(e: unknown): e is HostUnreachableError {
  return (
    e instanceof HostUnreachableError ||
    (e instanceof Error && e.name === "HostUnreachableError" && typeof (e as { host?: unknown }).host === "string")
  );
}

export interface HostDriver {
  readonly spec: HostSpec;
  /** Human-readable kind shown in output, e.g. "local host" or "SIMULATED host". */
  readonly describe: string;

  /** Whether the host answers now (drivers without it: operations throw HostUnreachableError when it does not). */
  probe?(): Promise<HostReachability>;

  /** Run a shell command on the host (cwd = host root, env has HOST_ROOT and HOST_ADDRESS). */
  run(
    command: string,
    opts?: { env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<CommandResult>;

  /** Paths are host paths: "/etc/x" is <root>/etc/x on a local host. */
  readFile(path: string): Promise<string | null>;
  /** Atomic: temp file, fsync, rename; creates parent directories. */
  writeFile(path: string, content: string, mode?: number): Promise<void>;
  statFile(path: string): Promise<FileStat | null>;
  removeFile(path: string): Promise<void>;
  /** Removes a directory tree (used when a host is destroyed). */
  removeTree(path: string): Promise<void>;

  startProcess(spec: ProcessSpec): Promise<ProcessStatus>;
  /** Stops the process (TERM, then KILL after graceMs) and waits until it is gone. */
  stopProcess(name: string, graceMs?: number): Promise<void>;
  inspectProcess(name: string): Promise<ProcessStatus>;
  /** Sends a signal (e.g. "SIGHUP", "SIGUSR2" to reload) to a running process; throws when it is not running. */
  signalProcess?(name: string, signal: string): Promise<void>;

  /** Health probes from this machine to the host. */
  checkTcp(port: number, timeoutMs?: number): Promise<boolean>;
  checkHttp(port: number, path: string, timeoutMs?: number): Promise<{ ok: boolean; status?: number; body?: string }>;
  /**
   * Connects, sends `send`, returns what the peer answered until it closed (or the timeout); null when the connection
   * failed. Drivers that cannot talk to the host leave it out.
   */
  tcpExchange?(port: number, send: string, timeoutMs?: number): Promise<string | null>;
  /**
   * Connects to the Unix socket at a host path (e.g. HAProxy's admin socket), sends `send`, returns what the peer
   * answered until it closed (or the timeout); null when nothing listens there. Drivers that cannot reach the host's
   * sockets leave it out.
   */
  exchangeUnixSocket?(path: string, send: string, timeoutMs?: number): Promise<string | null>;

  /** Debian packages: installed version or null; install throws a clear error naming package and host. */
  packageVersion(name: string): Promise<string | null>;
  installPackage(name: string, version?: string): Promise<string>;
  /** Whether the package could be installed: the version apt would install, or null when there is no candidate. */
  packageCandidate?(name: string): Promise<string | null>;

  /** Removes (purges) a Debian package; a package that is not installed is not an error. */
  removePackage?(name: string): Promise<void>;
  /** Names of the processes this driver started on the host and still tracks (running or not). */
  listProcesses?(): Promise<string[]>;
  /** The tail (at most maxBytes, default 4096) of a process's captured stdout/stderr, or null when there is none. */
  readProcessLog?(name: string, maxBytes?: number): Promise<string | null>;
  /** Closes what the driver holds open (an ssh connection); a later operation opens it again. */
  close?(): void;
}

/**
 * Hands out host drivers. One engine owns one: its drivers (and their
 * connections, the sim fabric) are shared by every resource on a host within
 * that engine and by nothing outside it.
 */
export interface HostConnector {
  /** The driver for a host; the same object for the same host spec. */
  connect(spec: HostSpec): HostDriver;
}
