import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class Init extends GantryCommand {
  static override summary = "Check the configuration's providers and modules (gantry's providers are built in)";
  static override description =
    "Nothing is downloaded or created: gantry's providers (gantry, null, terraform) are built in, modules are read " +
    'from local paths and the state is a local file, or rows in PostgreSQL with backend "pg" (init records ' +
    "-backend-config settings for later commands, connects and applies the schema's migrations). A provider " +
    "gantry does not have, or a module source that is not an existing local directory, is an error (exit 1).";
  static override args = { ...dirArg };
  static override flags = {
    ...commonFlags,
    ...backendConfigFlags,
    // accepted as Terraform users type them; nothing to do for any of them
    upgrade: Flags.boolean({ description: "accepted; nothing to upgrade (providers are built in)" }),
    reconfigure: Flags.boolean({ description: "accepted; the state is a local file" }),
    "migrate-state": Flags.boolean({ description: "accepted; the state is a local file" }),
    input: Flags.boolean({ description: "accepted; init asks nothing", allowNo: true, default: true }),
    backend: Flags.boolean({ description: "accepted; the state is a local file", allowNo: true, default: true }),
    get: Flags.boolean({ description: "accepted; modules are read in place", allowNo: true, default: true }),
    lock: Flags.boolean({ description: "accepted", allowNo: true, default: true }),
    "lock-timeout": Flags.string({ description: "accepted" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const r = await engine.init(args.dir);
    const backend = await engine.initBackend(args.dir, process.env, flags["backend-config"]);
    const s = this.style;
    if (!r.hasConfiguration) {
      this.out(
        `\n${s.bold("gantry initialized in an empty directory!")}\n\nThe directory has no gantry configuration ` +
          "files. You may begin working\nwith gantry immediately by creating configuration files.\n",
      );
      return;
    }
    const lines = [`\n${s.bold("Initializing the backend...")}`];
    if (backend === "pg")
      lines.push(s.green('Successfully configured the backend "pg"! gantry will keep its state in PostgreSQL.'));
    if (r.modules.length) {
      lines.push(s.bold("Initializing modules..."));
      for (const m of r.modules) lines.push(`- ${m.name} in ${m.source.replace(/^\.\//, "")}`);
    }
    lines.push(`\n${s.bold("Initializing provider plugins...")}`);
    for (const p of r.providers) lines.push(`- ${p.source} is built in to gantry`);
    lines.push(
      `\n${s.green(s.bold("gantry has been successfully initialized!"))}\n`,
      s.green(
        'You may now begin working with gantry. Try running "gantry plan" to see\nany changes that are required ' +
          "for your infrastructure. All gantry commands\nshould now work.\n\nIf you ever set or change modules " +
          "or backend configuration for gantry,\nrerun this command to reinitialize your working directory. If " +
          "you forget, other\ncommands will detect it and remind you to do so if necessary.",
      ),
    );
    this.out(lines.join("\n"));
  }
}
