import { GantryError } from "../../contract/diagnostics.js";
import { GantryCommand } from "../base-command.js";

export default class Fmt extends GantryCommand {
  static override summary = "Not supported: format .tf files with terraform fmt or tofu fmt";
  static override description =
    "terraform fmt is HCL's own formatter (hclwrite) plus rules of terraform fmt's own. No maintained JavaScript " +
    "implementation of it exists, and gantry writes no formatter of its own.";
  // any arguments and flags (-check, -diff, -recursive, ...): the answer is the same
  static override strict = false;

  async run(): Promise<void> {
    throw new GantryError({
      severity: "error",
      summary: "gantry fmt is not supported",
      detail:
        "Formatting as terraform fmt does takes HCL's own formatter (hclwrite) plus terraform fmt's rules, and no " +
        "maintained JavaScript implementation of them exists: @cdktf/hcl-tools (hclwrite compiled to WebAssembly, " +
        "without terraform fmt's rules) was archived with CDK for Terraform on 10 December 2025, and dprint's " +
        "Terraform plugin is not published as an npm package. gantry writes no formatter of its own. Format .tf " +
        "files with terraform fmt or tofu fmt; gantry reads them either way.",
    });
  }
}
