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
