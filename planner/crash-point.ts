// Named crash points for crash-consistency tests. A test sets GANTRY_TEST_CRASH_AT to one point's name (e.g.
// "state-write:7:before-rename": the write of serial 7, its temporary file complete, not yet renamed); when the process
// reaches that point it sends itself SIGKILL, exactly as a `kill -9` from outside landing at that instant would. A
// window of a few microseconds cannot be hit from outside on purpose; this makes such points repeatable. Unset (every
// normal run) it does nothing.

/** Called at each named point; kills the process when it is the one asked for. */
export type CrashPoint = (point: string) => void;

export const CRASH_AT_VARIABLE = "GANTRY_TEST_CRASH_AT";

export function crashPointFrom(env: Record<string, string | undefined>): CrashPoint | undefined {
  const at = env[CRASH_AT_VARIABLE];
  if (!at) return undefined;
  return (point) => {
    if (point === at) process.kill(process.pid, "SIGKILL");
  };
}
