// AptPackages over a scripted command runner: the apt/dpkg commands a driver
// runs (locally or, later, over SSH), their batching, the candidates
// remembered while apt's lists are unchanged, the apt queue and the errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CommandResult } from "../../contract/host-driver.js";
import type { CommandRunner } from "../../provider/hosts/command-runner.js";
import { AptPackages } from "../../provider/hosts/apt/apt-packages.js";
import { removeDir, sleep, tempDir } from "./helpers.js";

const host = { name: "h1", driver: "ssh" };
const ok = (stdout = ""): CommandResult => ({ exitCode: 0, stdout, stderr: "" });

/** A machine whose dpkg, apt-cache, apt-get, ls and stat answer from a few fields. */
class ScriptedMachine implements CommandRunner {
  installed = new Map<string, string>([["bash", "5.2.15-2+b7"]]);
  candidates = new Map<string, string>([
    ["zookeeper", "3.8.0-11"],
    ["bash", "5.2.15-2+b7"],
  ]);
  listsFiles = ["deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"];
  listsTime = "1796158043.176542726";
  calls: string[] = [];
  aptRunning = 0;
  maxAptRunning = 0;

  async run(program: string, args: readonly string[], env: Readonly<Record<string, string>> = {}) {
    this.calls.push([program, ...args].join(" "));
    await sleep(5);
    switch (program) {
      case "ls":
        return ok(this.listsFiles.map((f) => `${f}\n`).join(""));
      case "stat":
        return { exitCode: 1, stdout: `/var/lib/apt/lists ${this.listsTime}\n`, stderr: "stat: cannot statx" };
      case "dpkg-query": {
        const lines = args.slice(2).filter((n) => this.installed.has(n));
        const stdout = lines.map((n) => `${n} install ok installed ${this.installed.get(n)}\n`).join("");
        return { exitCode: lines.length === args.length - 2 ? 0 : 1, stdout, stderr: "" };
      }
      case "apt-cache": {
        const known = args.slice(1).filter((n) => this.candidates.has(n) || n === "uninstallable");
        const block = (n: string) => `${n}:\n  Installed: (none)\n  Candidate: ${this.candidates.get(n) ?? "(none)"}\n`;
        return ok(known.map(block).join(""));
      }
      case "apt-get":
        assert.is(env.DEBIAN_FRONTEND, "noninteractive");
        return await this.aptGet(args);
      default:
        return { exitCode: 127, stdout: "", stderr: `${program}: not found` };
    }
  }

  private async aptGet(args: readonly string[]): Promise<CommandResult> {
    this.aptRunning++;
    this.maxAptRunning = Math.max(this.maxAptRunning, this.aptRunning);
    try {
      await sleep(20);
      const target = args[args.length - 1]!;
      const [name, version] = target.split("=") as [string, string | undefined];
      if (args[0] === "update") return ok("Reading package lists...\n");
      if (args[0] === "purge") {
        this.installed.delete(name);
        return ok();
      }
      const candidate = this.candidates.get(name);
      if (!candidate) return { exitCode: 100, stdout: "", stderr: `E: Unable to locate package ${name}\n` };
      this.installed.set(name, version ?? candidate);
      return ok();
    } finally {
      this.aptRunning--;
    }
  }

  count(prefix: string): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
}

test("installed versions: one dpkg-query for the names asked at once", async () => {
  const m = new ScriptedMachine();
  const apt = new AptPackages(m);
  const answers = await Promise.all(["bash", "zookeeper", "bash"].map((n) => apt.installedVersion(n, host)));
  assert.equal(answers, ["5.2.15-2+b7", null, "5.2.15-2+b7"]);
  assert.equal(m.calls, ["dpkg-query -W -f=${Package} ${Status} ${Version}\n bash zookeeper"]);
  await apt.installedVersion("Bad Name;rm", host).then(
    () => assert.unreachable("invalid name rejected"),
    (e: Error) => assert.match(e.message, /host "h1": invalid Debian package name/),
  );
});

test("candidates: one apt-cache, remembered in the file while the lists are unchanged", async () => {
  const dir = tempDir();
  try {
    const file = join(dir, "candidates.json");
    const m = new ScriptedMachine();
    const first = new AptPackages(m, { candidateCacheFile: file });
    const names = ["zookeeper", "uninstallable", "not-known"];
    assert.equal(await Promise.all(names.map((n) => first.candidate(n, host))), ["3.8.0-11", null, null]);
    assert.is(m.count("apt-cache"), 1);
    assert.ok(m.calls.includes("apt-cache policy zookeeper uninstallable not-known"));
    assert.ok(existsSync(file));
    assert.is(await first.candidate("zookeeper", host), "3.8.0-11", "remembered in memory");
    assert.is(m.count("apt-cache"), 1);

    // Another run (a new object): the file answers while the stamp holds.
    const second = new AptPackages(m, { candidateCacheFile: file });
    assert.is(await second.candidate("zookeeper", host), "3.8.0-11");
    assert.is(m.count("apt-cache"), 1, "no apt-cache while the lists are unchanged");
    assert.is(await second.candidate("bash", host), "5.2.15-2+b7");
    assert.equal(m.calls.slice(-1), ["apt-cache policy bash"], "only the name not remembered");

    // The lists change: apt-cache is asked again.
    m.listsTime = "1796159999.000000000";
    m.candidates.set("zookeeper", "3.9.1-1");
    const third = new AptPackages(m, { candidateCacheFile: file });
    assert.is(await third.candidate("zookeeper", host), "3.9.1-1");
    assert.is(m.count("apt-cache"), 3);
  } finally {
    removeDir(dir);
  }
});

test("a machine without package lists reads them once, through the apt queue", async () => {
  const m = new ScriptedMachine();
  m.listsFiles = ["lock", "partial"];
  const apt = new AptPackages(m);
  await Promise.all([apt.candidate("zookeeper", host), apt.install("zookeeper", undefined, host)]);
  assert.is(m.count("apt-get update"), 1);
  assert.ok(m.calls.includes("apt-get update -q -o DPkg::Lock::Timeout=300"));
  assert.is(m.count("ls "), 1);
});

test("install: apt-get with the lock timeout, one at a time; skipped when the version is there", async () => {
  const m = new ScriptedMachine();
  m.candidates.set("haproxy", "2.6.12-1");
  const apt = new AptPackages(m);
  const versions = await Promise.all([
    apt.install("zookeeper", undefined, host),
    apt.install("haproxy", "2.6.12-1", host),
    apt.install("zookeeper", undefined, { name: "h2", driver: "ssh" }),
  ]);
  assert.equal(versions, ["3.8.0-11", "2.6.12-1", "3.8.0-11"]);
  assert.is(m.maxAptRunning, 1, "one apt-get at a time");
  assert.ok(m.calls.includes("apt-get install -y -q -o DPkg::Lock::Timeout=300 zookeeper"));
  assert.ok(m.calls.includes("apt-get install -y -q -o DPkg::Lock::Timeout=300 haproxy=2.6.12-1"));
  assert.is(m.count("apt-get install"), 2, "the second host found zookeeper installed");
  assert.is(await apt.install("bash", "5.2.*", host), "5.2.15-2+b7", "a matching prefix is enough");
  assert.is(m.count("apt-get install"), 2);
});

test("errors name the package, the host and apt's reason", async () => {
  const m = new ScriptedMachine();
  const apt = new AptPackages(m);
  await apt.install("nope", undefined, host).then(
    () => assert.unreachable("should fail"),
    (e: Error) =>
      assert.is(e.message, 'package "nope" cannot be installed on host "h1" (ssh): E: Unable to locate package nope'),
  );
  await apt.install("zookeeper", "1.0;rm", host).then(
    () => assert.unreachable("should fail"),
    (e: Error) => assert.match(e.message, /host "h1": invalid Debian package version/),
  );
});

test("purge: apt-get purge when installed, nothing when not", async () => {
  const m = new ScriptedMachine();
  m.installed.set("zookeeper", "3.8.0-11");
  const apt = new AptPackages(m);
  await apt.purge("zookeeper", host);
  assert.ok(m.calls.includes("apt-get purge -y -q -o DPkg::Lock::Timeout=300 zookeeper"));
  await apt.purge("zookeeper", host);
  assert.is(m.count("apt-get purge"), 1);
});

test.run();
