// A real PostgreSQL 15 for tests and benchmarks: a fresh cluster in a
// temporary directory, listening on its own port on loopback (and a socket
// in that directory), stopped and removed afterwards. Debian's package puts
// the server in /usr/lib/postgresql/15/bin; it refuses to run as root, so as
// root the cluster belongs to the `postgres` user.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const BIN = process.env.GANTRY_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** postgres://… for the superuser, database `postgres`. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** A new, empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
}

/** Whether this machine has PostgreSQL 15's server binaries (tests skip themselves without them). */
export function postgresAvailable(): boolean {
  return existsSync(join(BIN, "postgres")) && existsSync(join(BIN, "initdb"));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function ownerArgs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function waitReady(url: string, child: ChildProcess, log: () => string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > until) throw new Error(`postgres did not accept connections in ${deadlineMs} ms:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts a new PostgreSQL cluster; `deadlineMs` bounds initdb + start (generous: machines may be loaded). */
export async function startPostgres(options: { deadlineMs?: number } = {}): Promise<PostgresServer> {
  const deadlineMs = options.deadlineMs ?? 120_000;
  const dir = mkdtempSync(join(tmpdir(), "gantry-pg-"));
  const data = join(dir, "data");
  const owner = ownerArgs();
  if (owner.uid !== undefined) {
    chownSync(dir, owner.uid, owner.gid ?? owner.uid);
    chmodSync(dir, 0o700);
  }
  const init = spawnSync(
    join(BIN, "initdb"),
    ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
    { ...owner, encoding: "utf8", timeout: deadlineMs },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  }
  const port = await freePort();
  let output = "";
  const child = spawn(
    join(BIN, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dir}`,
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ],
    { ...owner, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGINT"); // fast shutdown
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => output, deadlineMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    dir,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop,
  };
}
