// An error as Heat's API reports it: an HTTP status and Heat's exception type
// and message. The API renders it as Heat does:
// {"code", "title", "explanation", "error": {"type", "message", "traceback"}}.

export class HeatError extends Error {
  constructor(
    /** The HTTP status (400, 404, 409 …). */
    readonly code: number,
    /** Heat's exception class name ("StackValidationFailed", "EntityNotFound", "NotSupported" …). */
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = "HeatError";
  }
}
