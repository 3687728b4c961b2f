// Quoting for the POSIX shell a remote command line is read by.

/** `text` as one shell word: single-quoted unless it is plainly safe. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A program and its arguments as one shell command line. */
export function shellCommand(program: string, args: readonly string[]): string {
  return [program, ...args].map(shellQuote).join(" ");
}
