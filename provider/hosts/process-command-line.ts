// What to spawn for a process: with args, the program itself; without, the
// command is a shell command line, and a plain one (no shell syntax, not a
// builtin) is exec'd by the shell so the pid is the program's own.

/** Shell builtins that `exec` cannot run. */
const SHELL_BUILTINS: ReadonlySet<string> = new Set(
  (
    "exit cd wait set export unset ulimit umask read eval exec trap shift return break continue . : source " +
    "alias times readonly local command type hash getopts"
  ).split(" "),
);
/** A command line without shell syntax: words of safe characters only. */
const SIMPLE_COMMAND = /^[A-Za-z0-9_./:=@%+,-]+( +[A-Za-z0-9_./:=@%+,-]+)*$/;

/** The file to spawn and its argv. */
export function spawnArguments(command: string, args: readonly string[]): [file: string, argv: string[]] {
  if (args.length > 0) return [command, [...args]];
  const first = command.split(" ")[0]!;
  const simple = SIMPLE_COMMAND.test(command) && !first.includes("=") && !SHELL_BUILTINS.has(first);
  return ["/bin/sh", ["-c", simple ? `exec ${command}` : command]];
}
