// Errors as Heat's fault middleware renders them:
// {"code", "title", "explanation", "error": {"type", "traceback", "message"}}.
// `title` and `explanation` are webob's for the status; `type` is Heat's
// exception class name (HTTPBadRequest for errors raised by the API layer
// itself, EntityNotFound, StackValidationFailed … for the engine's);
// `traceback` is null, as with debug off.

import { HeatError } from "../stacks/heat-error.js";

/** webob's title and explanation of each status the API answers with. */
const WEBOB: Record<number, [string, string]> = {
  400: [
    "Bad Request",
    "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  ],
  401: [
    "Unauthorized",
    "This server could not verify that you are authorized to access the document you requested. Either you " +
      "supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the " +
      "credentials required.",
  ],
  403: ["Forbidden", "Access was denied to this resource."],
  404: ["Not Found", "The resource could not be found."],
  405: [
    "Method Not Allowed",
    "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  ],
  409: ["Conflict", "There was a conflict when trying to complete your request."],
  413: ["Request Entity Too Large", "The body of your request was too large for this server."],
  415: [
    "Unsupported Media Type",
    "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  ],
  500: ["Internal Server Error", "The server has either erred or is incapable of performing the requested operation."],
  501: ["Not Implemented", "The server has either erred or is incapable of performing the requested operation."],
};

/** webob's exception class name for a status (the `type` of errors the API layer raises itself). */
const WEBOB_CLASS: Record<number, string> = {
  400: "HTTPBadRequest",
  401: "HTTPUnauthorized",
  403: "HTTPForbidden",
  404: "HTTPNotFound",
  405: "HTTPMethodNotAllowed",
  409: "HTTPConflict",
  413: "HTTPRequestEntityTooLarge",
  415: "HTTPUnsupportedMediaType",
  500: "HTTPInternalServerError",
  501: "HTTPNotImplemented",
};

export interface HeatFault {
  code: number;
  title: string;
  explanation: string;
  error: { type: string; traceback: null; message?: string };
}

/** The body Heat answers an error with. Without a message (Heat's "unsafe" errors) the field is left out. */
export function heatFault(code: number, type: string, message?: string): HeatFault {
  const [title, explanation] = WEBOB[code] ?? WEBOB[code >= 500 ? 500 : 400];
  const error: HeatFault["error"] = { type, traceback: null };
  if (message !== undefined) error.message = message;
  return { code, title, explanation, error };
}

/** An error the API layer raises itself (webob's HTTPBadRequest …): its message is the detail, or the explanation. */
export function apiError(code: number, message?: string): HeatError {
  const [, explanation] = WEBOB[code] ?? WEBOB[500];
  return new HeatError(code, WEBOB_CLASS[code] ?? "HTTPInternalServerError", message ?? explanation);
}

/** An error Heat does not mark "safe": its body names the type and leaves the message out. */
export class UnsafeHeatError extends HeatError {}

/**
 * webob's JSON body for the non-error answers Heat raises (202 Accepted, 302 Found) when the client accepts JSON,
 * as heatclient does.
 */
export function acceptedBody(): Record<string, string> {
  return {
    message: "The request is accepted for processing.<br /><br />\n\n\n",
    code: "202 Accepted",
    title: "Accepted",
  };
}

export function foundBody(location: string): Record<string, string> {
  const href = location.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    message: `The resource was found at <a href="${href}">${href}</a>;\nyou should be redirected automatically.\n\n`,
    code: "302 Found",
    title: "Found",
  };
}

/** "The Stack (s1) could not be found." */
export function stackNotFound(name: string): HeatError {
  return new HeatError(404, "EntityNotFound", `The Stack (${name}) could not be found.`);
}
