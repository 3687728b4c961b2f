// Request bodies read as Heat 19 reads them (heat/common/wsgi.py, JSONRequestDeserializer): a body is JSON when the
// request's media type is application/json (exactly, parameters aside), text/plain or missing, and the body starts
// with "{"; such a body that does not parse is 400, its message Python's json error ("Expecting value: line 1
// column 15 (char 14)"). Any other body (another media type, a JSON list or string, a
// leading space) is no body at all: never 415. So a signal sent as text/plain with a JSON map is read, and one sent
// as application/x-www-form-urlencoded (curl's default for --data) or application/octet-stream is an empty signal.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { apiError } from "./heat-fault.js";
import { pythonJsonError } from "./python-json-error.js";

/** Whether Heat reads a body of this Content-Type header as JSON. */
export function heatReadsAsJson(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim();
  return type === "" || type === "application/json" || type.startsWith("text/plain");
}

/** Every request body goes through Heat's reading (fastify's own JSON parser, for its prototype-poisoning checks). */
export function readBodiesAsHeat(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (req: FastifyRequest, body, done) => {
    const text = String(body);
    if (!heatReadsAsJson(req.headers["content-type"]) || !text.startsWith("{")) {
      done(null, undefined);
      return;
    }
    parseJson(req, text, (err, parsed) => {
      // a body that does not parse is answered in the words of Python's json module, as Heat answers it
      const python = err ? pythonJsonError(text) : undefined;
      if (python !== undefined) done(apiError(400, python), undefined);
      else done(err, parsed);
    });
  });
}

/**
 * The body of a request whose Heat controller takes one (create, update, validate, actions …): without a body (none
 * sent, or one Heat does not read) Heat's dispatch fails before the controller runs, a 400 with webob's own words.
 */
export function requiredBody<B>(req: { body: B | undefined }): B {
  if (req.body === undefined) throw apiError(400);
  return req.body;
}
