import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, dirArg, GantryCommand, stackFlags, stateFlags, varFlags } from "../base-command.js";
import { workspaceOptions } from "../workspace-flags.js";

const HELP_TEXT =
  "The gantry console allows you to experiment with gantry interpolations.\nYou may access resources in the state " +
  '(if you have one) just as you would\nfrom a configuration. For example: "gantry_noop.foo.id" would evaluate\nto ' +
  'the ID of "gantry_noop.foo" if it exists in your state.\n\nType in the interpolation to test and hit <enter> to ' +
  'see the result.\n\nTo exit the console, type "exit" and hit <enter>, or use Control-C or\nControl-D.';

export default class Console extends GantryCommand {
  static override summary = "Evaluate expressions against the configuration, its variables and the state";
  static override description =
    "Reads expressions from standard input. From a pipe, every line is evaluated and the last result printed; " +
    "the first error stops with exit code 1 (as terraform console). On a terminal, each result is printed; " +
    '"exit", Ctrl-C or Ctrl-D ends the session.';
  static override args = { ...dirArg };
  static override flags = { ...commonFlags, ...varFlags, ...stackFlags, state: stateFlags.state };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Console);
    this.setColor(flags["no-color"]);
    const { formatTerraformValue } = await import("../terraform-value-text.js");
    const engine = await this.engine();
    const evaluate = await engine.console(await engine.openWorkspace(workspaceOptions(args.dir, flags)));
    /** One entry, as Terraform's REPL session handles it. */
    const handle = (line: string): { output: string; exit: boolean } => {
      const t = line.trim();
      if (t === "") return { output: "", exit: false };
      if (t === "exit") return { output: "", exit: true };
      if (t === "help") return { output: HELP_TEXT, exit: false };
      const r = evaluate(line);
      return { output: "type" in r ? r.type : formatTerraformValue(r.value), exit: false };
    };
    if (!process.stdin.isTTY) {
      const { readFileSync } = await import("node:fs");
      let last = "";
      const input = readFileSync(0, "utf8");
      // lines as a line scanner yields them: no empty one after the final newline
      const lines = input.split(/\r?\n/);
      if (input.endsWith("\n")) lines.pop();
      for (const line of lines) {
        const r = handle(line);
        if (r.exit) return;
        last = r.output;
      }
      this.out(last);
      return;
    }
    await this.interactive(handle);
  }

  private async interactive(handle: (line: string) => { output: string; exit: boolean }): Promise<void> {
    const { createInterface } = await import("node:readline");
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
    let lines: string[] = [];
    rl.prompt();
    await new Promise<void>((resolve) => {
      rl.on("SIGINT", () => {
        if (!lines.length) rl.close();
        else {
          lines = [];
          this.out("(multi-line entry canceled)");
          rl.setPrompt("> ");
          rl.prompt();
        }
      });
      rl.on("close", () => resolve());
      rl.on("line", (line) => {
        lines.push(line);
        if (entryCouldContinue(lines)) {
          rl.setPrompt(": ");
          rl.prompt();
          return;
        }
        const input = `${lines.join("\n")}\n`;
        lines = [];
        rl.setPrompt("> ");
        try {
          const r = handle(input);
          if (r.exit) {
            rl.close();
            return;
          }
          this.out(r.output);
        } catch (e) {
          if (e instanceof GantryError) void this.printDiagnostics(e.diagnostics);
          else process.stderr.write(`${this.style.red(this.style.bold("Error: "))}${(e as Error).message}\n`);
        }
        rl.prompt();
      });
    });
  }
}

/**
 * Terraform's heuristic: the entry goes on while brackets, braces, parentheses or template
 * interpolations opened in it are not closed (and the last line is not blank).
 */
function entryCouldContinue(lines: string[]): boolean {
  if (!lines.length || lines[lines.length - 1].trim() === "") return false;
  const stack: string[] = [];
  const text = lines.join("\n");
  const closing: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === "$" && text[i + 1] === "{") {
        stack.push("${");
        inString = false;
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "(" || c === "[" || c === "{") stack.push(c);
    else if (c in closing) {
      const open = stack.pop();
      if (open === "${" && c === "}") inString = true;
      else if (open !== closing[c]) return false;
    }
  }
  return stack.length > 0 || inString;
}
