// gantry/pulumi's dynamic provider called as Pulumi's engine calls it (check,
// diff, create, read, update in place, update with replacement, delete) on
// local hosts, for real: files on the hosts' roots, processes started and
// stopped, a cluster's HAProxy running and gone. The provider is the one the
// package exports (its operations load from dist/ by module path). Secrets
// never show in plain text in what it reports. Loopback 127.0.71.x only.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pidAlive } from "../cli/cli-harness.js";
import { killGroup, waitFor } from "../provider/helpers.js";

const require = createRequire(import.meta.url);
const gantry = require("gantry/pulumi") as typeof import("../../pulumi/index.js");

type Props = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-lifecycle-"));
const meta = (name: string, secrets: string[] = []) => ({
  name,
  configDir: dir,
  dataDir: join(dir, ".gantry"),
  secrets,
});
const provider = (type: string) => gantry.gantryProvider(type) as Required<ReturnType<typeof gantry.gantryProvider>>;
const hosts = provider("gantry_host");
const files = provider("gantry_file");
const services = provider("gantry_service");
const commands = provider("gantry_command");
const clusters = provider("gantry_cluster");
const started: number[] = [];

async function newHost(name: string, address: string): Promise<Props> {
  const inputs = { driver: "local", address, __gantry: meta(name) };
  const checked = await hosts.check({}, inputs);
  assert.equal(checked.failures, []);
  const made = await hosts.create(checked.inputs);
  return { ...made.outs, id: made.id };
}

/** A host as a host-bound resource's `host` input takes it (what Host.hostAttributes() gives). */
const hostValue = (h: Props) => ({
  name: h.name,
  driver: h.driver,
  address: h.address,
  root: h.root,
  options: h.options,
  id: h.id,
});

test("a file: check, diff, create, read, update in place, replace, delete, with the files on the host", async () => {
  const h = await newHost("files", "127.0.71.1");
  const onHost = (path: string) => join(h.root, path);
  const inputs = { host: hostValue(h), path: "/srv/index.html", content: "one", __gantry: meta("page") };

  const checked = await files.check({}, inputs);
  assert.equal(checked.failures, []);
  const made = await files.create(checked.inputs);
  assert.is(readFileSync(onHost("/srv/index.html"), "utf8"), "one");
  assert.is(made.outs.mode, "0644");
  assert.match(made.outs.sha256, /^[0-9a-f]{64}$/);

  const read = await files.read(made.id, made.outs);
  assert.is(read.id, made.id);
  assert.is(read.props!.content, "one");

  assert.equal(await files.diff(made.id, made.outs, inputs), {
    changes: false,
    replaces: [],
    deleteBeforeReplace: false,
  });

  // content: in place
  const edited = { ...inputs, content: "two", mode: "600" };
  assert.equal(await files.diff(made.id, made.outs, edited), {
    changes: true,
    replaces: [],
    deleteBeforeReplace: false,
  });
  const updated = await files.update(made.id, made.outs, edited);
  assert.is(readFileSync(onHost("/srv/index.html"), "utf8"), "two");
  assert.is(updated.outs!.mode, "0600");

  // path: forces a replacement, the old one deleted first (gantry's default order)
  const moved = { ...edited, path: "/srv/home.html" };
  assert.equal(await files.diff(made.id, updated.outs, moved), {
    changes: true,
    replaces: ["path"],
    deleteBeforeReplace: true,
  });
  await files.delete(made.id, updated.outs!);
  assert.not.ok(existsSync(onHost("/srv/index.html")));
  const replacement = await files.create((await files.check(updated.outs!, moved)).inputs);
  assert.is(readFileSync(onHost("/srv/home.html"), "utf8"), "two");

  // gone behind gantry's back: read says so (no id), and Pulumi forgets it
  rmSync(onHost("/srv/home.html"));
  assert.equal(await files.read(replacement.id, replacement.outs), {});

  await hosts.delete(h.id, h);
  assert.not.ok(existsSync(h.root));
});

test("a service: a real process started, restarted in place, replaced, stopped", async () => {
  const h = await newHost("procs", "127.0.71.2");
  const inputs = { host: hostValue(h), command: "exec sleep 600", restartTriggers: 1, __gantry: meta("sleeper") };
  const made = await services.create((await services.check({}, inputs)).inputs);
  const pid1 = made.outs.pid as number;
  started.push(pid1);
  assert.ok(pidAlive(pid1), "running");
  assert.is(made.outs.healthy, true);

  const read = await services.read(made.id, made.outs);
  assert.is(read.props!.pid, pid1);

  const restarted = { ...inputs, restartTriggers: 2 };
  assert.equal((await services.diff(made.id, made.outs, restarted)).replaces, []);
  const updated = await services.update(made.id, made.outs, restarted);
  const pid2 = updated.outs!.pid as number;
  started.push(pid2);
  assert.is.not(pid2, pid1);
  await waitFor(() => !pidAlive(pid1), 30_000, "the old process to stop");
  assert.ok(pidAlive(pid2));

  const renamed = { ...restarted, name: "sleeper2" };
  const diff = await services.diff(made.id, updated.outs, renamed);
  assert.equal(diff, { changes: true, replaces: ["name"], deleteBeforeReplace: true });
  await services.delete(made.id, updated.outs!);
  await waitFor(() => !pidAlive(pid2), 30_000, "the replaced process to stop");
  const replacement = await services.create((await services.check(updated.outs!, renamed)).inputs);
  started.push(replacement.outs.pid);
  assert.ok(pidAlive(replacement.outs.pid));

  await services.delete(replacement.id, replacement.outs);
  await waitFor(() => !pidAlive(replacement.outs.pid), 30_000, "the process to stop");
  await hosts.delete(h.id, h);
});

test("check: problems named by Pulumi's property names", async () => {
  const bad = await hosts.check({}, { driver: "local", address: "10.1.2.3", bogus: 1, id: "x", __gantry: meta("h") });
  const by = Object.fromEntries((bad.failures ?? []).map((f) => [f.property, f.reason]));
  assert.match(by.address, "loopback");
  assert.match(by.bogus, 'unknown property "bogus"');
  assert.ok(by.id, "id is gantry's, not an input");
  const missing = await files.check({}, { path: "/x", content: "y", __gantry: meta("f") });
  assert.match(missing.failures!.map((f) => `${f.property}: ${f.reason}`).join("\n"), 'host: "host" is required');
  const camel = await clusters.check({}, { nodeGroups: [{ name: "a", roles: ["nope"] }], __gantry: meta("c") });
  assert.ok(
    camel.failures!.some((f) => f.property === "nodeGroups"),
    JSON.stringify(camel.failures),
  );
});

test("secrets: a failing command's error and log show no secret input in plain text", async () => {
  const h = await newHost("secrets", "127.0.71.3");
  const token = "hunter2-very-secret";
  const inputs = {
    host: hostValue(h),
    command: 'echo "token is $TOKEN"; exit 3',
    environment: { TOKEN: token },
    __gantry: meta("leaky", ["environment"]),
  };
  const err = await commands.create(inputs).then(
    () => undefined,
    (e: Error) => e,
  );
  assert.ok(err, "the command fails");
  assert.match(err!.message, "exited with code 3");
  assert.match(err!.message, "token is [secret]");
  assert.not.match(err!.message, token);
  await hosts.delete(h.id, h);
});

test("a cluster: its expansion applied by the engine, HAProxy running, updated, refreshed, destroyed", async () => {
  const inputs: Props = {
    distro: { name: "mesos", version: "1.0.1" },
    hosts: [{ name: "lb-host", address: "127.0.71.11", cpus: 1, memoryMb: 512 }],
    nodeGroups: [{ name: "lb", roles: ["haproxy"], instances: 1, cpus: 1, memoryMb: 256 }],
    __gantry: meta("edge"),
  };
  assert.equal((await clusters.check({}, inputs)).failures, []);
  const made = await clusters.create(inputs);
  assert.is(made.id, "edge");
  assert.equal(made.outs.placement, { "lb-1": "lb-host" });
  assert.equal(made.outs.endpoints.haproxy_stats, ["http://127.0.71.11:9090/haproxy?stats"]);
  assert.is(made.outs.zookeeperConnectString, null);
  const kept = JSON.parse(made.outs.gantryState);
  const state = JSON.parse(kept.state);
  const haproxy = state.resources.find((r: any) => r.type === "gantry_service");
  assert.ok(haproxy, "HAProxy's service is in the cluster's state");
  const pid = haproxy.attributes.pid as number;
  started.push(pid);
  assert.ok(pidAlive(pid), "HAProxy runs");
  assert.not.ok(existsSync(join(dir, "gantry.tfstate")), "no state file: the state is in the outputs");

  assert.equal(await clusters.diff(made.id, made.outs, inputs), {
    changes: false,
    replaces: [],
    deleteBeforeReplace: false,
  });
  const read = await clusters.read(made.id, made.outs);
  assert.equal(read.props!.placement, made.outs.placement);

  const grown = {
    ...inputs,
    hosts: [...inputs.hosts, { name: "spare", address: "127.0.71.12", cpus: 1, memoryMb: 512 }],
  };
  assert.equal(await clusters.diff(made.id, made.outs, grown), {
    changes: true,
    replaces: [],
    deleteBeforeReplace: false,
  });
  const updated = await clusters.update(made.id, made.outs, grown);
  assert.is(updated.outs!.hosts.length, 2);
  assert.equal(updated.outs!.placement, { "lb-1": "lb-host" });

  await clusters.delete(made.id, updated.outs!);
  await waitFor(() => !pidAlive(pid), 30_000, "HAProxy to stop");
  assert.not.ok(existsSync(join(dir, ".gantry", "hosts", "lb-host")));
});

test.after(() => {
  for (const pid of started) if (pidAlive(pid)) killGroup(pid);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
