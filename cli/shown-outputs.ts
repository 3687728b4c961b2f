// The outputs the CLI shows: those a front end added for a door's own use (OutputConfig.internal, such as Heat's
// resolved resource metadata) are kept in the state but never shown, listed, or counted as changes.

/** The entries of an output map (state or apply result) that are shown, in their order. */
export function shownOutputs<T extends { internal?: boolean }>(outputs: Record<string, T>): [string, T][] {
  return Object.entries(outputs).filter(([, o]) => !o.internal);
}

/** The output changes of a plan that are shown. */
export function shownOutputChanges<T extends { internal?: boolean }>(changes: T[]): T[] {
  return changes.filter((o) => !o.internal);
}
