// Why gantry formats with its own code and not @cdktf/hcl-tools 0.21.0 (HCL's hclwrite.Format compiled to
// WebAssembly), measured on Node 20 against this formatter's tests (test/hcl-format):
// - it is plain hclwrite.Format: none of terraform fmt's own rules (Terraform's golden files general and
//   variable_type both differ: labels left unquoted, `"${var.x}"` not unwrapped, `type = list`/`"string"` kept);
// - its hclwrite predates provider-defined functions: `provider::framework::example()` becomes
//   `provider : : framework : : example()` (3 of hclwrite's 52 cases fail, all 3 of that kind);
// - it reports no syntax error (`a = 1 +` comes back unchanged, with no message);
// - it loads slowly: 0.23 s to import, 1.9 s for the first call (the WebAssembly module), then some 16 ms a file.
// terraform fmt's rules need the tokens this formatter reads anyway, so the package would replace nothing.
//
// `terraform fmt` for one file: the text parsed by HCL itself first (a file
// with a syntax error is never rewritten: its errors are returned, located),
// then tokenized, Terraform's rules applied, and the whitespace made
// canonical. Only whitespace changes, but for Terraform's rules; comments,
// blank lines, template text and heredoc bodies are kept as written.

import { readErrors, type HclSyntaxError } from "../hcl-parser.js";
import { hclToJson } from "../hcl-wasm.js";
import { formatTokens } from "./format-tokens.js";
import { lexHcl } from "./lexer.js";
import { applyTerraformRules } from "./terraform-rules.js";
import { tokensText } from "./token.js";

export type FormatResult = { ok: true; text: string } | { ok: false; errors: HclSyntaxError[] };

/** The canonical form of HCL text already known to parse. */
export function formatHclText(src: string): string {
  const tokens = applyTerraformRules(lexHcl(src));
  formatTokens(tokens);
  return tokensText(tokens);
}

/** Parses `src` (named `file` in errors) and formats it, or returns its syntax errors. */
export async function formatHcl(file: string, src: string): Promise<FormatResult> {
  try {
    await hclToJson(file, src);
  } catch (e) {
    return { ok: false, errors: readErrors(file, (e as Error).message) };
  }
  return { ok: true, text: formatHclText(src) };
}
