// The testbed as the ssh tests use it: brought up (testbed/up.sh) under a
// name and subnet of their own so they never touch a testbed someone brought up
// by hand, torn down again (testbed/down.sh). Needs root; without it the tests
// are skipped, saying why.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import type { HostSpec } from "../../contract/host-driver.js";

const REPO = new URL("../..", import.meta.url).pathname;

export interface TestbedHost {
  name: string;
  address: string;
  namespace: string;
  /** This machine's directory holding the host's /etc, /var, /srv, /opt. */
  dir: string;
  /** Whether the host's init is systemd (a systemd-nspawn container, testbed/systemd-host.sh). */
  systemd: boolean;
}

export class Testbed {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;
  hosts: TestbedHost[] = [];
  private systemdHosts: number[] = [];

  constructor(
    readonly name: string,
    readonly net: number,
  ) {
    this.dir = `/tmp/gantry-testbed-${name}`;
    this.env = { ...process.env, TESTBED_NAME: name, TESTBED_NET: String(net), TESTBED_DIR: this.dir };
  }

  /** Why the testbed cannot be used here, or null. */
  static unavailable(): string | null {
    return process.getuid?.() === 0 ? null : "the ssh tests need root (network namespaces); skipped";
  }

  /** Why testbed hosts whose init is systemd cannot be had here, or null. */
  static systemdUnavailable(): string | null {
    const why = Testbed.unavailable();
    if (why) return why;
    try {
      execFileSync("systemd-nspawn", ["--version"], { stdio: "ignore" });
      return null;
    } catch {
      return "systemd hosts need systemd-nspawn (apt-get install --no-install-recommends systemd-container); skipped";
    }
  }

  get keyFile(): string {
    return join(this.dir, "client/id_ed25519");
  }

  get knownHostsFile(): string {
    return join(this.dir, "known_hosts");
  }

  /**
   * A fresh testbed of `count` hosts (whatever an earlier, interrupted run left is removed first); hosts numbered
   * in `systemd` (1-based) boot systemd as their init.
   */
  fresh(count: number, opts: { systemd?: number[] } = {}): TestbedHost[] {
    this.down();
    this.systemdHosts = opts.systemd ?? [];
    return this.up(count);
  }

  /** Brings the testbed up (hosts already up stay as they are; a host whose sshd died gets it back). */
  up(count: number): TestbedHost[] {
    this.script("up.sh", String(count));
    this.hosts = JSON.parse(readFileSync(join(this.dir, "hosts.json"), "utf8")) as TestbedHost[];
    return this.hosts;
  }

  down(): void {
    this.script("down.sh");
  }

  /** The host spec of testbed host i (1-based) for the ssh driver. */
  spec(i: number, options: Record<string, unknown> = {}): HostSpec {
    const h = this.hosts[i - 1]!;
    return {
      name: h.name,
      driver: "ssh",
      address: h.address,
      root: "/",
      options: { private_key_file: this.keyFile, known_hosts_file: this.knownHostsFile, ...options },
    };
  }

  /** Runs a command inside host i's namespaces (as its sshd sees the machine), for checks. */
  inHost(i: number, command: string): string {
    const host = this.hosts[i - 1]!;
    // a systemd host is a container: all its namespaces (its pid namespace too)
    const [pidFile, spaces] = host.systemd ? ["init.pid", ["-a"]] : ["sshd.pid", ["-n", "-m"]];
    const pid = readFileSync(join(host.dir, pidFile), "utf8").trim();
    return execFileSync("nsenter", ["-t", pid, ...spaces, "/bin/sh", "-c", command], { encoding: "utf8" });
  }

  /** Pids of host i's processes whose command name is `comm`. */
  pids(i: number, comm: string): number[] {
    const all = execFileSync("ip", ["netns", "pids", this.hosts[i - 1]!.namespace], { encoding: "utf8" });
    return all
      .split("\n")
      .filter((p) => p.trim() !== "")
      .map(Number)
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/comm`, "utf8").trim() === comm;
        } catch {
          return false;
        }
      });
  }

  /** The pid of host i's listening sshd. */
  sshdPid(i: number): number {
    return Number(readFileSync(join(this.hosts[i - 1]!.dir, "sshd.pid"), "utf8").trim());
  }

  private script(name: string, ...args: string[]): void {
    const env = { ...this.env, TESTBED_SYSTEMD_HOSTS: this.systemdHosts.join(",") };
    execFileSync(join(REPO, "testbed", name), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  }
}

/** Waits until `check` holds (polling), failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
