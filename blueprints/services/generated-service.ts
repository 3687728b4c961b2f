// What a service generator in this folder produces: it turns a description
// of one node into the files the upstream package reads and the command line
// that runs the daemon in the foreground. The group-resources stage of the
// expansion turns these into gantry `file` and `service` resources.

/** One file to place on a host: an absolute host path (as on a Debian host). */
export interface ServiceFile {
  path: string;
  content: string;
  /** Octal permission bits, e.g. "0644" (the file resource's default when absent). */
  mode?: string;
}

/** A program and its arguments, executed directly (no shell). */
export interface Exec {
  command: string;
  args: string[];
}

/** How to run one daemon as a process gantry starts and watches (foreground, never daemonizing). */
export interface DaemonCommand extends Exec {
  /** Process name (the service resource's `name`). */
  name: string;
  /** Extra environment variables. */
  environment?: Record<string, string>;
  /** Every TCP port the daemon listens on, on this host. */
  ports: number[];
  /** User the package runs the daemon as. */
  user?: string;
  /** Health check in the service resource's shape. */
  health_check?: { type: "tcp" | "http"; port: number; path?: string };
  /** How to make the running daemon re-read its configuration, when it can. */
  reload?: string;
}
