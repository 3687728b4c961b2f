import * as Flags from "@oclif/core/flags";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class Fmt extends GantryCommand {
  static override summary = "Rewrite .tf and .tfvars files in the canonical format, as terraform fmt does";
  static override description =
    "Formats the .tf and .tfvars files of each directory given (default: the current one), each file given, or " +
    "standard input (-). Exit status: 0, 2 on errors (syntax errors: nothing is rewritten), 3 with -check when " +
    "files need formatting.";
  static override strict = false;
  static override args = {};
  static override flags = {
    ...commonFlags,
    list: Flags.boolean({
      description: "list the files whose formatting differs (-list=false to not)",
      default: true,
      allowNo: true,
    }),
    write: Flags.boolean({
      description: "write the result to the files (-write=false to not; never with -check or standard input)",
      default: true,
      allowNo: true,
    }),
    diff: Flags.boolean({ description: "show the changes as diffs" }),
    check: Flags.boolean({ description: "only check: exit 3 if any file needs formatting, change nothing" }),
    recursive: Flags.boolean({ description: "format the subdirectories' files too" }),
  };

  async run(): Promise<void> {
    const { flags, argv } = await this.parse(Fmt);
    this.setColor(flags["no-color"]);
    const { filesOfTarget, formatFile } = await import("../../hcl/format/format-targets.js");
    const { unifiedDiff } = await import("../unified-diff.js");
    const { writeFileSync, readFileSync } = await import("node:fs");
    const targets = (argv as string[]).length ? (argv as string[]) : ["."];
    const stdin = targets[0] === "-";
    let list = stdin ? false : flags.list;
    let write = stdin ? false : flags.write;
    const showList = list;
    if (flags.check) {
      list = true;
      write = false;
    }
    const output: string[] = [];
    const errors: Diagnostic[] = [];
    const sources: { path: string; content: string }[] = [];
    let changed = false;
    const formatOne = async (path: string, text?: string) => {
      const f = await formatFile(path, text);
      if (!f.ok) {
        sources.push({ path: f.path, content: f.content });
        for (const e of f.errors)
          errors.push({
            severity: "error",
            summary: e.summary,
            detail: e.detail || undefined,
            origin: { file: f.path, path: [], line: e.line, column: e.column },
          });
        return;
      }
      if (f.before !== f.after) {
        changed = true;
        if (list) output.push(`${f.path}\n`);
        if (write) writeFileSync(f.path, f.after);
        if (flags.diff) output.push(unifiedDiff(f.path, f.before, f.after));
      }
      if (!list && !write && !flags.diff) output.push(f.after);
    };
    if (stdin) await formatOne("<stdin>", readFileSync(0, "utf8"));
    else
      for (const target of targets) {
        let files: string[];
        try {
          files = filesOfTarget(target, flags.recursive);
        } catch (e) {
          errors.push({ severity: "error", summary: (e as Error).message });
          if ((e as Error).message.startsWith("No file")) break;
          continue;
        }
        for (const file of files) await formatOne(file);
      }
    if (!flags.check || showList) process.stdout.write(output.join(""));
    if (errors.length) {
      this.errors = { dir: process.cwd(), sources };
      await this.printDiagnostics(errors);
      process.exitCode = 2;
    } else if (flags.check && changed) process.exitCode = 3;
  }
}
