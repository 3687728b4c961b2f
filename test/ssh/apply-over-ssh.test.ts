// A small configuration applied over SSH to testbed hosts: files and a
// service on two hosts, drift on a host detected and repaired, destroy leaving
// nothing of gantry's on the hosts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { HostSpec } from "../../contract/host-driver.js";
import { Engine } from "../../engine/engine.js";
import type { SshDriver } from "../../provider/hosts/ssh-driver.js";
import { configDir } from "../planner/harness.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtsa", 73);
const engine = new Engine();
const it = skip ? test.skip : test;
if (skip) console.log(skip);

test.before(() => {
  if (!skip) bed.fresh(2);
});

test.after(() => {
  engine.close();
  if (!skip) bed.down();
});

function config(): string {
  const host = (i: number) => `
  host.web${i}:
    driver: ssh
    address: ${bed.hosts[i - 1]!.address}
    private_key_file: ${bed.keyFile}
    known_hosts_file: ${bed.knownHostsFile}
${i === 2 ? "    user: operator\n" : ""}`;
  const site = (i: number) => `
  file.page${i}:
    host: \${host.web${i}}
    path: /srv/www/index.html
    content: "page of web${i}\\n"
    mode: "0640"

  service.web${i}:
    host: \${host.web${i}}
    command: python3
    args: ["-m", "http.server", "8080", "--bind", "\${host.web${i}.address}", "--directory", "/srv/www"]
    ports: [8080]
    health_check: { type: http, path: /index.html, port: 8080 }
    depends_on: [file.page${i}]
`;
  return `resources:${host(1)}${host(2)}${site(1)}${site(2)}`;
}

/** The host spec gantry builds for a testbed host of config() (the same driver object the engine uses). */
function hostSpec(address: string): HostSpec {
  const i = bed.hosts.findIndex((h) => h.address === address) + 1;
  return {
    name: `web${i}`,
    driver: "ssh",
    address,
    root: "/",
    options: {
      ...(i === 2 ? { user: "operator" } : {}),
      private_key_file: bed.keyFile,
      known_hosts_file: bed.knownHostsFile,
    },
  };
}

async function get(address: string): Promise<string | null> {
  try {
    const r = await fetch(`http://${address}:8080/index.html`, { signal: AbortSignal.timeout(3000) });
    return r.ok ? await r.text() : null;
  } catch {
    return null;
  }
}

it("apply over ssh; drift on a host is detected and repaired; destroy leaves nothing", async () => {
  const dir = configDir({ "main.gantry.yaml": config() });
  const ws = engine.workspace({ dir });
  const first = await engine.apply(ws, { parallelism: 10 });
  if (first.status !== "applied") throw new Error("not applied");
  assert.equal(first.result.failed, []);
  for (const [i, h] of bed.hosts.entries()) {
    assert.is(readFileSync(join(h.dir, "srv/www/index.html"), "utf8"), `page of web${i + 1}\n`, "on the host's /srv");
    assert.is(await get(h.address), `page of web${i + 1}\n`, "served from the host's own network namespace");
  }
  assert.is(bed.inHost(2, "stat -c '%U %a' /srv/www/index.html"), "root 640\n", "written as root through sudo");

  // nothing changed: the plan is empty, and its refresh took few round trips per host
  const trips = () => bed.hosts.map((h) => (engine.hosts.connect(hostSpec(h.address)) as SshDriver).roundTrips);
  const tripsBefore = trips();
  const again = await engine.plan(ws);
  const perHost = trips().map((n, i) => n - tripsBefore[i]!);
  if (process.env.DEBUG_SSH) console.log("round trips per host of a no-change plan:", perHost);
  for (const n of perHost) assert.ok(n >= 1 && n <= 3, `a no-change plan took ${n} round trips on one host`);
  assert.equal(
    again.plan.changes.filter((c) => c.action !== "noop" && c.action !== "read").map((c) => c.address),
    [],
  );

  // drift: the page changed and the server killed on web1
  writeFileSync(join(bed.hosts[0]!.dir, "srv/www/index.html"), "tampered\n");
  // (one pid namespace for all hosts: the pattern names web1's address; "[.]" keeps pkill's own shell out)
  bed.inHost(1, `pkill -KILL -f 'http[.]server 8080 --bind ${bed.hosts[0]!.address}' || true`);
  await waitFor("the server to be gone", async () => (await get(bed.hosts[0]!.address)) === null);
  const drift = await engine.plan(ws);
  const changed = drift.plan.changes
    .filter((c) => c.action !== "noop" && c.action !== "read")
    .map((c) => c.address)
    .sort();
  assert.equal(changed, ["gantry_file.page1", "gantry_service.web1"]);
  const repair = await engine.apply(ws, {});
  if (repair.status !== "applied") throw new Error("not applied");
  assert.equal(repair.result.failed, []);
  assert.is(readFileSync(join(bed.hosts[0]!.dir, "srv/www/index.html"), "utf8"), "page of web1\n");
  await waitFor("web1 to serve again", async () => (await get(bed.hosts[0]!.address)) === "page of web1\n");

  // destroy: services stopped, files and gantry's own files gone from every host
  const gone = await engine.destroy(ws, {});
  if (gone.status !== "applied") throw new Error("not applied");
  assert.equal(gone.result.failed, []);
  for (const [i, h] of bed.hosts.entries()) {
    assert.is(existsSync(join(h.dir, "srv/www/index.html")), false);
    assert.is(existsSync(join(h.dir, "var/log/gantry")), false);
    assert.is(bed.inHost(i + 1, "ls -d /run/gantry /var/lib/gantry /var/log/gantry 2>/dev/null || true"), "");
    assert.not.match(bed.inHost(i + 1, "ps -eo args"), /http\.server 8080 --bind 10\.213\.73/);
  }
});

test.run();
