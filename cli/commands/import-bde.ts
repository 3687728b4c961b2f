import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class ImportBde extends GantryCommand {
  static override summary = "Convert a VMware BDE cluster spec (JSON) into a gantry blueprint";
  static override description =
    "Reads a BDE spec such as mesos_full_cluster.json (node groups with roles, instance types, placement policies) " +
    "and writes a *.gantry.yaml blueprint with a `cluster` resource. BDE let vSphere pick hosts, so the blueprint " +
    "gets a host pool with one host per node: replace it with your inventory. A *.bde.json file can also be read " +
    "directly from a configuration directory.";
  static override args = { file: Args.string({ description: "the BDE spec JSON", required: true }) };
  static override flags = {
    ...commonFlags,
    out: Flags.string({
      char: "o",
      description: "write the blueprint here (default: <name>.gantry.yaml; - for standard output)",
    }),
    name: Flags.string({ description: "cluster name (default: from the file name)" }),
    driver: Flags.string({ description: "host driver of the generated host pool", default: "sim" }),
    "address-start": Flags.string({ description: "first address of the generated host pool", default: "127.0.90.1" }),
    "distro-version": Flags.string({ description: "Mesos distro version from the manifest", default: "1.0.1" }),
    force: Flags.boolean({ description: "overwrite an existing output file" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ImportBde);
    this.setColor(flags["no-color"]);
    const { bdeToBlueprint, clusterNameFromFile } = await import("../../templates/bde-spec.js");
    const { DiagnosticBag } = await import("../../contract/diagnostics.js");
    const { blueprintYaml } = await import("../../templates/blueprint-yaml.js");
    if (!existsSync(args.file)) throw new GantryError(`BDE spec ${args.file} does not exist`);
    const text = readFileSync(args.file, "utf8");
    const bag = new DiagnosticBag();
    this.errors.sources = [{ path: basename(args.file), content: text }];
    const props = bdeToBlueprint(basename(args.file), text, bag, {
      driver: flags.driver,
      addressStart: flags["address-start"],
      distroVersion: flags["distro-version"],
    });
    bag.throwIfErrors();
    const name = flags.name ?? clusterNameFromFile(args.file);
    const header =
      `# Imported from the BDE spec ${basename(args.file)} by 'gantry import bde'.\n` +
      `# BDE let vSphere choose the hosts; this blueprint got a ${flags.driver} host pool with one host per node.\n` +
      `# Replace host_pools with your inventory (hosts: [{ name, address, driver, cpus, memory_mb, rack }]).\n`;
    const yaml = blueprintYaml(header, name, props!);
    const out = flags.out ?? `${name}.gantry.yaml`;
    if (out === "-") {
      this.out(yaml);
      return;
    }
    if (existsSync(out) && !flags.force) throw new GantryError(`${out} exists; use --force to overwrite it`);
    writeFileSync(out, yaml);
    this.out(`Wrote ${out}: gantry_cluster.${name} with ${(props!.node_groups as unknown[]).length} node groups.`);
  }
}
