// A deposed object: an instance's earlier object, replaced with
// create_before_destroy, kept in state until its destroy succeeds.

/** Which deposed object: the instance it belonged to and its place among that instance's deposed objects. */
export interface DeposedRef {
  /** The instance's address, e.g. "gantry_noop.a[0]". */
  address: string;
  /** Index in the instance's deposed objects when the plan was made. */
  deposed: number;
}

/** How a deposed object is shown to people ("gantry_noop.a (deposed 0)"); only ever produced, never parsed. */
export function deposedDisplayAddress(ref: DeposedRef): string {
  return `${ref.address} (deposed ${ref.deposed})`;
}

/** The instance a change or an apply event is about: for a deposed object, the instance it belonged to. */
export function instanceAddressOf(x: { address: string; deposed?: DeposedRef }): string {
  return x.deposed?.address ?? x.address;
}
