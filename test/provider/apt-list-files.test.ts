// apt's list files seen directly (this machine) and through commands (how an
// SSH driver sees them) give the same answers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AptListFilesByCommand } from "../../provider/hosts/apt/apt-list-files-by-command.js";
import { LocalAptListFiles } from "../../provider/hosts/local/local-apt-list-files.js";
import { LocalCommandRunner } from "../../provider/hosts/local/local-command-runner.js";

const direct = new LocalAptListFiles();
const byCommand = new AptListFilesByCommand(new LocalCommandRunner());

test("the same stamp either way (mtimeMs of the lists and sources, '-' when missing)", async () => {
  const [a, b] = await Promise.all([direct.stamp(), byCommand.stamp()]);
  assert.is(b, a);
  assert.is(a.split(":").length, 3);
});

test("the same list file names either way", async () => {
  const [a, b] = await Promise.all([direct.names(), byCommand.names()]);
  assert.equal(b?.sort(), a?.sort());
});

test.run();
