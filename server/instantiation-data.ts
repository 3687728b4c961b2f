// The body of a create, preview, update or validate request read as Heat's
// InstantiationData reads it: `stack_name`, `template` (an object, or text:
// YAML or JSON), `environment` (object or text), `environment_files` (names
// in `files`, applied in order, instead of `environment`), `files`,
// `parameters`, and the arguments `tags`, `timeout_mins`,
// `disable_rollback`, `clear_parameters`, `adopt_stack_data`. Errors carry
// Heat's messages.

import type { CreateStackRequest, UpdateStackRequest } from "../stacks/stack-operations.js";
import type { StackSource } from "../stacks/stack-records.js";
import { HeatError } from "../stacks/heat-error.js";
import { apiError } from "./heat-fault.js";
import { extractBool, extractInt, extractTags } from "./query-params.js";
import { jsonDepth, LimitError, parseYamlText, type YamlLimits } from "./yaml-document.js";

const ENVIRONMENT_SECTIONS = new Set([
  "parameters",
  "resource_registry",
  "parameter_defaults",
  "encrypted_param_names",
  "event_sinks",
  "parameter_merge_strategies",
]);

const TEMPLATE_VERSION_KEYS = ["heat_template_version", "HeatTemplateFormatVersion", "AWSTemplateFormatVersion"];

export type Body = Record<string, unknown>;

export class InstantiationData {
  constructor(
    readonly body: Body,
    private readonly limits: YamlLimits,
    private readonly patch = false,
  ) {}

  stackName(): string {
    if (!("stack_name" in this.body)) throw apiError(400, "No stack name specified");
    const name = this.body.stack_name;
    if (typeof name !== "string") throw apiError(400, "No stack name specified");
    return name;
  }

  /** The template as an object; undefined for a PATCH that gives none. */
  template(): Record<string, unknown> | undefined {
    const b = this.body;
    if ("adopt_stack_data" in b) {
      const adopt = this.adoptData();
      const t = adopt?.template;
      if (!isObject(t)) throw apiError(400, "Invalid adopt data: 'template'");
      return t;
    }
    if ("template" in b && b.template !== null && b.template !== undefined) {
      const t = b.template;
      if (isObject(t)) {
        this.checkSize(JSON.stringify(t).length);
        this.checkDepth(t, "Template");
        return t;
      }
      if (typeof t === "string") return this.parseTemplateText(t);
      throw apiError(400, "Template not in valid format: The template is not a JSON object or YAML mapping.");
    }
    if ("template_url" in b) {
      throw new HeatError(400, "NotSupported", "template_url is not supported: send the template in the request.");
    }
    if (this.patch) return undefined;
    throw apiError(400, "No template specified");
  }

  /** The environments in the order they apply: `environment_files` from `files`, else the `environment`. */
  environments(): Record<string, unknown>[] {
    const names = this.environmentFiles();
    if (names && names.length > 0) {
      const files = this.files();
      return names.map((name) => {
        if (!(name in files)) {
          throw new HeatError(400, "StackValidationFailed", `Environment file ${name} is not in the files given.`);
        }
        return this.parseEnvironment(files[name]);
      });
    }
    if (!("environment" in this.body) || this.body.environment === null) return [];
    const env = this.parseEnvironment(this.body.environment);
    return Object.keys(env).length > 0 ? [env] : [];
  }

  files(): Record<string, string> {
    const f = this.body.files;
    if (f === undefined || f === null) return {};
    if (!isObject(f)) throw apiError(400, "Files not in valid format: files must be a mapping of names to contents");
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
  }

  environmentFiles(): string[] | undefined {
    const e = this.body.environment_files;
    if (e === undefined || e === null) return undefined;
    if (!Array.isArray(e) || e.some((n) => typeof n !== "string")) {
      throw apiError(400, "environment_files must be a list of file names");
    }
    return e as string[];
  }

  parameters(): Record<string, unknown> {
    const p = this.body.parameters;
    if (p === undefined || p === null) return {};
    if (!isObject(p)) throw apiError(400, "Parameters not in valid format: parameters must be a mapping");
    return p;
  }

  tags(): string[] | undefined {
    const t = this.body.tags;
    if (t === undefined || t === null) return undefined;
    if (typeof t === "string") return extractTags(t);
    if (Array.isArray(t) && t.every((x) => typeof x === "string")) {
      for (const tag of t) {
        if (tag.length > 80) throw apiError(400, `Invalid tag, "${tag}" is longer than 80 characters`);
        if (tag.includes(",")) throw apiError(400, `Invalid tag, "${tag}" contains a comma`);
      }
      return t;
    }
    throw apiError(400, `Invalid tags, not a list: ${JSON.stringify(t)}`);
  }

  timeoutMins(): number | undefined {
    if (!("timeout_mins" in this.body) || this.body.timeout_mins === null) return undefined;
    const n = extractInt("timeout_mins", this.body.timeout_mins);
    return n === 0 ? undefined : n;
  }

  disableRollback(): boolean | undefined {
    if (!("disable_rollback" in this.body) || this.body.disable_rollback === null) return undefined;
    return extractBool("disable_rollback", this.body.disable_rollback);
  }

  clearParameters(): string[] | undefined {
    const c = this.body.clear_parameters;
    if (c === undefined || c === null) return undefined;
    if (!Array.isArray(c) || c.some((n) => typeof n !== "string")) {
      throw apiError(400, "clear_parameters must be a list of parameter names");
    }
    return c as string[];
  }

  adoptData(): Record<string, unknown> | undefined {
    const a = this.body.adopt_stack_data;
    if (a === undefined || a === null) return undefined;
    if (isObject(a)) return a;
    if (typeof a === "string") {
      let parsed: unknown;
      try {
        parsed = parseYamlText(a, this.limits);
      } catch (e) {
        throw apiError(400, `Invalid adopt data: ${(e as Error).message}`);
      }
      if (!isObject(parsed)) throw apiError(400, "Invalid adopt data: not a mapping");
      return parsed;
    }
    throw apiError(400, "Invalid adopt data: not a mapping");
  }

  /** The stack's sources as the create (or a PUT update) gives them. */
  source(): StackSource {
    return {
      template: this.template() ?? {},
      environments: this.environments(),
      files: this.files(),
      parameters: this.parameters(),
    };
  }

  createRequest(): CreateStackRequest {
    if ("converge" in this.body) {
      throw apiError(400, "converge flag only supported in stack update (or update preview) request.");
    }
    const req: CreateStackRequest = { name: this.stackName(), source: this.source() };
    const tags = this.tags();
    if (tags) req.tags = tags;
    const dr = this.disableRollback();
    if (dr !== undefined) req.disableRollback = dr;
    const t = this.timeoutMins();
    if (t !== undefined) req.timeoutMins = t;
    const adopt = this.adoptData();
    if (adopt) req.adoptStackData = adopt;
    return req;
  }

  updateRequest(): UpdateStackRequest {
    const req: UpdateStackRequest = { existing: this.patch };
    const template = this.template();
    if (template) req.template = template;
    const envs = this.environments();
    if (!this.patch || envs.length > 0 || "environment" in this.body || this.environmentFiles()) {
      req.environments = envs;
    }
    if (!this.patch || "files" in this.body) req.files = this.files();
    if (!this.patch || "parameters" in this.body) req.parameters = this.parameters();
    const clear = this.clearParameters();
    if (clear) req.clearParameters = clear;
    const tags = this.tags();
    if (tags) req.tags = tags;
    const dr = this.disableRollback();
    if (dr !== undefined) req.disableRollback = dr;
    const t = this.timeoutMins();
    if (t !== undefined) req.timeoutMins = t;
    return req;
  }

  private parseTemplateText(text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = parseYamlText(text, this.limits);
    } catch (e) {
      if (e instanceof LimitError) {
        throw new HeatError(400, "RequestLimitExceeded", `Request limit exceeded: ${e.message}`);
      }
      throw apiError(400, `Template not in valid format: Error parsing template [root stack] ${(e as Error).message}`);
    }
    if (parsed === null || parsed === undefined) parsed = {};
    if (!isObject(parsed)) {
      throw apiError(400, "Template not in valid format: The template is not a JSON object or YAML mapping.");
    }
    if (!TEMPLATE_VERSION_KEYS.some((k) => k in parsed)) {
      throw apiError(400, "Template not in valid format: Template format version not found.");
    }
    return parsed;
  }

  private parseEnvironment(env: unknown): Record<string, unknown> {
    let parsed: unknown = env;
    if (typeof env === "string") {
      try {
        parsed = parseYamlText(env, this.limits);
      } catch (e) {
        if (e instanceof LimitError) {
          throw new HeatError(400, "RequestLimitExceeded", `Request limit exceeded: ${e.message}`);
        }
        throw apiError(400, `Environment not in valid format: ${(e as Error).message}`);
      }
      if (parsed === null || parsed === undefined) parsed = {};
    } else {
      this.checkDepth(env, "Environment");
    }
    if (!isObject(parsed)) {
      throw apiError(400, "Environment not in valid format: The environment is not a valid YAML mapping data type.");
    }
    for (const [section, value] of Object.entries(parsed)) {
      if (!ENVIRONMENT_SECTIONS.has(section)) {
        throw apiError(400, `Environment not in valid format: environment has wrong section "${section}"`);
      }
      if (value === null) {
        throw apiError(400, `Environment not in valid format: environment has empty section "${section}"`);
      }
    }
    return parsed;
  }

  private checkSize(chars: number): void {
    if (chars > this.limits.maxChars) {
      throw new HeatError(
        400,
        "RequestLimitExceeded",
        `Request limit exceeded: Template size (${chars} bytes) exceeds maximum allowed size ` +
          `(${this.limits.maxChars} bytes).`,
      );
    }
  }

  private checkDepth(value: unknown, what: string): void {
    if (jsonDepth(value, this.limits.maxDepth) > this.limits.maxDepth) {
      throw new HeatError(
        400,
        "RequestLimitExceeded",
        `Request limit exceeded: ${what} nesting deeper than ${this.limits.maxDepth} levels`,
      );
    }
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
