// Atomic writes on a host: the temporary file a killed writer left beside a file is removed by the next write of it
// (found by the crash-consistency run: a SIGKILL between the temporary file and its rename leaked it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileAtomic } from "../../provider/hosts/write-file-atomic.js";

test("the next write of a file removes the temporaries of writers that are gone, and only those", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-atomic-"));
  // a process that has exited: its pid names a writer that is gone
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const deadPid = Number(gone.stdout);
  const abandoned = `.f.txt.${deadPid}.0123456789ab.tmp`;
  const live = `.f.txt.${process.ppid}.0123456789ab.tmp`; // a writer still running
  const other = `.g.txt.${deadPid}.0123456789ab.tmp`; // another file's: left to that file's next write
  for (const name of [abandoned, live, other]) writeFileSync(join(dir, name), "partial");
  await writeFileAtomic(join(dir, "f.txt"), "whole\n", { fsync: false });
  assert.is(readFileSync(join(dir, "f.txt"), "utf8"), "whole\n");
  assert.equal(readdirSync(dir).sort(), [live, other, "f.txt"].sort());
});

test.run();
