// How Heat's wait condition resources reach the signals a stack receives
// over the Heat API (`POST .../resources/{handle}/signal`). Only a stack run
// by the API server has them: the stack service hands its run a channel, the
// engine passes it to the types in their operation context. Facts from Heat
// 19's wait_condition_handle.py: a handle gives out a token of the stack's
// user and the URL to signal; what it receives is kept in its metadata, id →
// {status, reason, data}.

/** What a wait condition handle gives out for signalling it (Heat's TOKEN_SIGNAL). */
export interface HeatHandleCredentials {
  /** The handle's physical id: the id of the token given out (Heat: the stack user's id). */
  id: string;
  /** The token that may signal the handle. */
  token: string;
  /** The URL to POST signals to; null when the server's own URL is not known. */
  endpoint: string | null;
}

/** The signals one handle received, as a wait condition looks at them. */
export interface HeatHandleSignals {
  /** The handle's logical name. */
  name: string;
  /** Each signal's status ("SUCCESS", "FAILURE") and reason, in the order they were first received. */
  signals: { id: string; status: string; reason: string }[];
  /** Heat's `data` attribute of a wait condition on it: its JSON text of id → data. */
  data: string;
}

export interface HeatSignals {
  /** Credentials for signalling the handle at `address` (a new token each call). */
  handleCredentials(address: string): Promise<HeatHandleCredentials>;
  /** The signals of the handle whose physical id is `ref`; undefined when no handle of the stack has that id. */
  handleSignals(ref: string): Promise<HeatHandleSignals | undefined>;
  /** Forgets what the handle `ref` received (Heat's wait condition delete empties the handle's metadata). */
  clearHandle(ref: string): Promise<void>;
  /** Resolves when any handle of the stack receives a signal; rejects when `abort` aborts. */
  nextSignal(abort: AbortSignal): Promise<void>;
}
