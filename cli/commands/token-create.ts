import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class TokenCreate extends GantryCommand {
  static override summary = "Issue an API token for a tenant of the Heat API server; prints the token only";
  static override description =
    "The store is the one `gantry serve` uses: --store, else GANTRY_STORE, else ./gantry-stacks.sqlite (or a " +
    "postgres:// URL). " +
    "The token is shown once: the store keeps only its hash.";
  static override flags = {
    ...commonFlags,
    tenant: Flags.string({ description: "the tenant (project) the token acts for", required: true }),
    role: Flags.string({
      description: "a role of the token's holder, e.g. admin (repeatable)",
      multiple: true,
      multipleNonGreedy: true,
    }),
    store: Flags.string({ description: "the stack store (a SQLite file, or a postgres:// URL)" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(TokenCreate);
    this.setColor(flags["no-color"]);
    const { GantryError } = await import("../../contract/diagnostics.js");
    if (!flags.tenant.trim()) throw new GantryError("--tenant must not be empty");
    const { storeLocation } = await import("../../stacks/store-location.js");
    const { openStackStore } = await import("../../stacks/open-stack-store.js");
    const store = await openStackStore(storeLocation(flags.store, process.env));
    try {
      const { token } = await store.issueToken(flags.tenant, flags.role ?? []);
      process.stdout.write(`${token}\n`);
    } finally {
      await store.close();
    }
  }
}
