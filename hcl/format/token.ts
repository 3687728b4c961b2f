// The tokens of HCL's native syntax as the formatter sees them: the text of
// each (exactly as written) and the spaces before it, the only thing
// formatting changes. Template literals, heredoc bodies and comments keep
// their text whole; the tokens of an interpolation are tokens like any other.

export type TokenType =
  | "newline"
  /** `# ...` and `// ...` (with the newline that ends them), or `/* ... *\/`. */
  | "comment"
  | "ident"
  | "number"
  /** `"` opening and closing a quoted template. */
  | "oquote"
  | "cquote"
  /** Literal text of a quoted template. */
  | "quotedLit"
  /** `${` or `${~`. */
  | "templateInterp"
  /** `%{` or `%{~`. */
  | "templateControl"
  /** `}` or `~}` closing an interpolation or a directive. */
  | "templateSeqEnd"
  /** `<<EOT` or `<<-EOT` with its newline. */
  | "oheredoc"
  /** Literal text of a heredoc, each line with its newline. */
  | "stringLit"
  /** A heredoc's closing marker, with the spaces before it. */
  | "cheredoc"
  | "obrace"
  | "cbrace"
  | "obrack"
  | "cbrack"
  | "oparen"
  | "cparen"
  | "equal"
  | "comma"
  | "dot"
  | "ellipsis"
  | "colon"
  | "doubleColon"
  | "question"
  | "bang"
  | "minus"
  | "plus"
  | "star"
  | "slash"
  | "percent"
  | "equalOp"
  | "notEqual"
  | "greaterThan"
  | "greaterThanEq"
  | "lessThan"
  | "lessThanEq"
  | "and"
  | "or"
  | "fatArrow"
  /** Anything else (the parser has refused invalid input before the formatter runs). */
  | "other";

export interface Token {
  type: TokenType;
  text: string;
  spacesBefore: number;
}

/** +1 for what opens a bracket (interpolations and directives too), -1 for what closes one, else 0. */
export function bracketChange(t: Token): number {
  switch (t.type) {
    case "obrace":
    case "obrack":
    case "oparen":
    case "templateInterp":
    case "templateControl":
      return 1;
    case "cbrace":
    case "cbrack":
    case "cparen":
    case "templateSeqEnd":
      return -1;
    default:
      return 0;
  }
}

/** Does the token end its line (a newline, or a `#`/`//` comment with its newline)? */
export function endsLine(t: Token): boolean {
  return t.type === "newline" || (t.type === "comment" && t.text.endsWith("\n"));
}

/** The text of tokens, each after its spaces. */
export function tokensText(tokens: readonly Token[]): string {
  let out = "";
  for (const t of tokens) out += " ".repeat(t.spacesBefore) + t.text;
  return out;
}
