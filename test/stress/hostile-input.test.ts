// Hostile input through the CLI: each case gets a clear, located error (or is handled safely), in bounded time and
// memory, writes nothing outside a host's root, leaves the state as it was, and shows no stack trace.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantry, tempConfig, testAddress } from "../cli/cli-harness.js";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;

/** `gantry validate DIR` under /usr/bin/time when it is there: exit code, stderr, seconds, peak memory (MB). */
function validateMeasured(dir: string): { code: number; stderr: string; seconds: number; mb?: number } {
  const timed = existsSync("/usr/bin/time");
  const t0 = Date.now();
  const r = timed
    ? spawnSync("/usr/bin/time", ["-f", "%M KB", process.execPath, BIN, "validate", "-no-color", dir], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
        timeout: 120_000,
      })
    : spawnSync(process.execPath, [BIN, "validate", "-no-color", dir], { encoding: "utf8", timeout: 120_000 });
  const kb = timed ? Number(/(\d+) KB\s*$/.exec(r.stderr)?.[1]) : undefined;
  return { code: r.status ?? -1, stderr: r.stderr, seconds: (Date.now() - t0) / 1000, mb: kb && kb / 1024 };
}

function configDir(files: Record<string, string | Buffer>): string {
  const dir = join(tmpdir(), `gantry-hostile-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function refused(files: Record<string, string | Buffer>, expect: RegExp[], limits = { seconds: 60, mb: 600 }): void {
  const dir = configDir(files);
  try {
    const r = validateMeasured(dir);
    assert.is(r.code, 1, r.stderr);
    for (const re of expect) assert.match(r.stderr, re);
    assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
    assert.not.match(r.stderr, /Maximum call stack/);
    assert.ok(r.seconds < limits.seconds, `${r.seconds} s`);
    if (r.mb !== undefined) assert.ok(r.mb < limits.mb, `${r.mb} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DEEP = 10_000;

test("YAML alias bomb (billion laughs) is refused", () => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  refused(
    {
      "main.gantry.yaml":
        `locals:\n${lines.map((l) => `  ${l}`).join("\n")}\n` + "resources:\n  noop.a:\n    input: ${local.a9}\n",
    },
    [/main\.gantry\.yaml/, /alias/i],
  );
});

test("10,000-deep nesting is refused at its line and column: YAML flow and block, .tf.json, HCL, HOT", () => {
  refused({ "main.gantry.yaml": `resources:\n  noop.a:\n    input: ${"[".repeat(DEEP)}1${"]".repeat(DEEP)}\n` }, [
    /main\.gantry\.yaml nests deeper than 200 levels at line 3, column \d+/,
  ]);
  refused({ "main.gantry.yaml": `resources:\n  noop.a:\n    input:\n      ${"- ".repeat(DEEP)}1\n` }, [
    /main\.gantry\.yaml nests deeper than 200 levels at line 4/,
  ]);
  refused({ "main.tf.json": `{"resource":{"gantry_noop":{"a":{"input":${"[".repeat(DEEP)}1${"]".repeat(DEEP)}}}}}` }, [
    /main\.tf\.json nests deeper than 200 levels at line 1, column \d+/,
  ]);
  refused({ "main.tf": `resource "gantry_noop" "a" {\n  input = ${"{a = ".repeat(DEEP)}1${"}".repeat(DEEP)}\n}\n` }, [
    /main\.tf nests deeper than 200 levels at line 2/,
  ]);
  refused(
    {
      "stack.hot.yaml":
        "heat_template_version: 2021-04-16\nresources:\n  r:\n    type: OS::Heat::None\n    properties:\n" +
        `      x: ${"[".repeat(DEEP)}1${"]".repeat(DEEP)}\n`,
    },
    [/stack\.hot\.yaml nests deeper than 200 levels at line 6/],
  );
  // deep nesting inside an expression string, which the scan does not see, is still a clear error
  refused(
    { "main.tf.json": `{"resource":{"gantry_noop":{"a":{"input":"\${${"[".repeat(DEEP)}1${"]".repeat(DEEP)}}"}}}}` },
    [/nests too deeply to be read/],
  );
});

test("nesting gantry reads (50 levels) is accepted", () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  noop.a:\n    input: ${"[".repeat(50)}1${"]".repeat(50)}\n`,
  });
  try {
    const r = gantry(["validate", dir]);
    assert.is(r.code, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a 100 MB file is refused before it is parsed, in bounded time and memory", () => {
  const big = Buffer.alloc(100 * 1024 * 1024, "x");
  Buffer.from('resources:\n  noop.a:\n    input: "').copy(big);
  refused(
    { "main.gantry.yaml": big },
    [/main\.gantry\.yaml is 100\.0 MB; gantry reads configuration files of at most 32 MB/],
    {
      seconds: 60,
      mb: 400,
    },
  );
});

test("NUL bytes and invalid UTF-8 are refused at their line and column", () => {
  refused({ "main.gantry.yaml": 'resources:\n  noop.a:\n    input: "a\u0000b"\n' }, [
    /main\.gantry\.yaml contains a NUL byte at line 3, column 14/,
  ]);
  refused({ "main.tf.json": Buffer.from('{"resource":{"gantry_noop":{"a":{"input":"caf\xe9"}}}}', "latin1") }, [
    /main\.tf\.json contains a byte that is not valid UTF-8 \(0xe9\) at line 1, column 46/,
  ]);
  refused(
    {
      "main.tf": Buffer.concat([
        Buffer.from('resource "gantry_noop" "a" {\n  input = "'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('"\n}\n'),
      ]),
    },
    [/main\.tf contains a byte that is not valid UTF-8 \(0xc0\) at line 2, column 12/],
  );
});

test("integers past 2^53 are refused (they would silently change); 2^53 - 1 is kept exactly", () => {
  refused({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: 9007199254740993\n" }, [
    /the number 9007199254740993 at line 3, column 12 cannot be represented exactly/,
  ]);
  refused({ "main.tf.json": '{"resource":{"gantry_noop":{"a":{"input":-12345678901234567890}}}}' }, [
    /the number -12345678901234567890 at line 1, column 42/,
  ]);
  refused({ "main.tf": 'resource "gantry_noop" "a" {\n  input = 12345678901234567890123\n}\n' }, [
    /main\.tf: the number 12345678901234567890123 at line 2, column 11/,
  ]);
  const dir = tempConfig({
    "main.gantry.yaml":
      'resources:\n  noop.a:\n    input: [9007199254740991, "9007199254740993", 1.5e300]\n' +
      'outputs:\n  o: { value: "${noop.a.output}" }\n',
  });
  try {
    assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
    const out = gantry(["output", "-json", "o", dir]);
    assert.equal(JSON.parse(out.stdout), [9007199254740991, "9007199254740993", 1.5e300]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("shell metacharacters in names and properties: no shell where the type runs none, nothing run by accident", () => {
  const canary = join(tmpdir(), `gantry-canary-${process.pid}`);
  rmSync(canary, { force: true });
  const evil = [
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `; touch ${canary}`,
    `| touch ${canary}`,
    `&& touch ${canary}`,
  ];
  const dir = tempConfig({
    "main.gantry.yaml": `resources:
  host.h: { driver: local, address: ${testAddress()} }
  file.f:
    host: \${host.h}
    path: "/srv/a b;c$(x)'q'.txt"
    content: ${JSON.stringify(evil.join("\n"))}
  service.s:
    host: \${host.h}
    name: s
    command: /bin/sleep
    args: ["3600", ${evil.map((e) => JSON.stringify(e)).join(", ")}]
  command.c:
    host: \${host.h}
    command: "true"
    creates: ${JSON.stringify(`/srv/$(touch ${canary})`)}
`,
  });
  try {
    const r = gantry(["apply", "-auto-approve", "-no-color", dir]);
    // sleep refuses the extra arguments: the service fails, its arguments were never read by a shell
    assert.match(r.stdout + r.stderr, /gantry_service\.s/);
    const written = readFileSync(join(dir, ".gantry/hosts/h/srv/a b;c$(x)'q'.txt"), "utf8");
    assert.is(written, evil.join("\n"));
    assert.not.ok(existsSync(canary), "no metacharacter was run by a shell");
    assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+/);
    // metacharacters in a resource's name or a process name: located errors
    writeFileSync(join(dir, "main.gantry.yaml"), 'resources:\n  "noop.a;rm -rf x":\n    input: 1\n');
    const bad = gantry(["validate", "-no-color", dir]);
    assert.is(bad.code, 1);
    assert.match(bad.stderr, /main\.gantry\.yaml/);
    assert.match(bad.stderr, /line 2/);
    writeFileSync(
      join(dir, "main.gantry.yaml"),
      `resources:\n  host.h: { driver: local, address: ${testAddress()} }\n  service.t:\n    host: \${host.h}\n` +
        `    name: "t; touch ${canary}"\n    command: /bin/true\n`,
    );
    const named = gantry(["apply", "-auto-approve", "-no-color", dir]);
    assert.is(named.code, 1);
    assert.match(named.stderr, /Invalid property "name" of gantry_service\.t: must contain only letters/);
    assert.match(named.stderr, /line 5, column 5/);
    assert.not.ok(existsSync(canary));
  } finally {
    gantry(["destroy", "-auto-approve", dir]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(canary, { force: true });
  }
});

test("a symbolic link inside a local host's root cannot lead a write outside it; a link inside the root works", () => {
  const outside = join(tmpdir(), `gantry-outside-${process.pid}`);
  mkdirSync(outside, { recursive: true });
  const address = testAddress();
  const host = `resources:\n  host.h: { driver: local, address: ${address} }\n`;
  const dir = tempConfig({ "main.gantry.yaml": host });
  try {
    assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
    const root = join(dir, ".gantry/hosts/h");
    mkdirSync(join(root, "srv"), { recursive: true });
    mkdirSync(join(root, "etc"), { recursive: true });
    symlinkSync(outside, join(root, "srv/link"));
    symlinkSync("../etc", join(root, "srv/inside"));
    const file = (name: string, path: string) =>
      `  file.${name}:\n    host: \${host.h}\n    path: ${path}\n    content: "x"\n`;
    writeFileSync(join(dir, "main.gantry.yaml"), host + file("out", "/srv/link/x"));
    const r = gantry(["apply", "-auto-approve", "-no-color", dir]);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout + r.stderr,
      /path "\/srv\/link\/x" escapes the host root: srv\/link is a symbolic link to .*outside the root/,
    );
    assert.not.ok(existsSync(join(outside, "x")), "nothing written outside the root");
    assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+/);
    // ".." is refused as before
    writeFileSync(join(dir, "main.gantry.yaml"), host + file("up", "/srv/../../etc/passwd"));
    gantry(["state", "rm", "--dir", dir, "gantry_file.out"]);
    const up = gantry(["apply", "-auto-approve", "-no-color", dir]);
    assert.is(up.code, 1);
    assert.match(up.stdout + up.stderr, /path "\/srv\/\.\.\/\.\.\/etc\/passwd" escapes the host root/);
    // a link that stays inside the root is followed
    writeFileSync(join(dir, "main.gantry.yaml"), host + file("in", "/srv/inside/y"));
    gantry(["state", "rm", "--dir", dir, "gantry_file.up"]);
    const ok = gantry(["apply", "-auto-approve", "-no-color", dir]);
    assert.is(ok.code, 0, ok.stderr);
    assert.is(readFileSync(join(root, "etc/y"), "utf8"), "x");
  } finally {
    gantry(["destroy", "-auto-approve", dir]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test.run();
