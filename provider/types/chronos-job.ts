// chronos_job: a job on Chronos, managed through its HTTP API. Scheduled jobs
// (`schedule`) go to POST {prefix}/scheduler/iso8601, dependent jobs
// (`parents`) to POST {prefix}/scheduler/dependency; both create or replace.
// Read finds the job by name; delete is DELETE {prefix}/scheduler/job/{name}.
//
// api_prefix defaults to "/v1": the reference (chronos-flags.json, Chronos v3
// docs at mesos/chronos c1348ddf) documents every job endpoint below
// /v1/scheduler. Chronos 2.x serves them below /scheduler: set api_prefix "".

import { deepEqual, isUnknown, type Attrs, type Value } from "../../contract/values.js";
import {
  ChronosClient,
  DEFAULT_CHRONOS_PREFIX,
  type ChronosJob,
  type ChronosClientOptions,
} from "../clients/chronos-client.js";
import { isPlainObject, projectOnto, toValue } from "../clients/live-projection.js";
import type { ResourceType } from "../../contract/resource-type.js";
import { optString, stringList } from "./attrs.js";

export const chronosClientDefaults: Omit<ChronosClientOptions, "apiPrefix"> = { requestTimeoutMs: 10_000 };

/** Job fields in the reference's table (plus code-only ones) that a configuration may set. */
export const CHRONOS_JOB_FIELDS = new Set([
  "name",
  "description",
  "command",
  "arguments",
  "shell",
  "executor",
  "executorFlags",
  "taskInfoData",
  "maxCompletionTime",
  "retries",
  "owner",
  "ownerName",
  "cpus",
  "mem",
  "disk",
  "disabled",
  "concurrent",
  "uris",
  "fetch",
  "schedule",
  "scheduleTimeZone",
  "parents",
  "runAsUser",
  "container",
  "dataJob",
  "environmentVariables",
  "constraints",
  // described in api.md prose / present in the code only
  "epsilon",
  "async",
  "highPriority",
  "softError",
  "dataProcessingJobType",
]);
/** Counters and timestamps Chronos maintains: read-only. */
const READ_ONLY_FIELDS = new Set(["successCount", "errorCount", "lastSuccess", "lastError", "errorsSinceLastSuccess"]);
/**
 * Described in api.md but not read by Chronos 3's JobDeserializer: when the live job lacks them they are taken as
 * configured (cannot be observed).
 */
const UNOBSERVABLE_FIELDS = new Set(["epsilon", "async"]);

export const chronosJobType: ResourceType = {
  name: "gantry_chronos_job",
  description:
    "A job on Chronos: scheduled (ISO 8601 `schedule`) or dependent (`parents`), created and updated through POST " +
    "/scheduler/iso8601 or /scheduler/dependency.",
  schema: {
    endpoints: {
      kind: "list",
      description:
        "Chronos base URLs (e.g. http://master1:4400), tried in order; the next one is used when one cannot be " +
        "reached.",
      required: true,
    },
    api_prefix: {
      kind: "string",
      description:
        'Path prefix of the job API: "/v1" for Chronos 3 (the documented paths, /v1/scheduler/...), "" for Chronos 2 ' +
        "(/scheduler/...).",
      default: DEFAULT_CHRONOS_PREFIX,
    },
    job: {
      kind: "object",
      description:
        "The job JSON: name (a change replaces the job), command, and either schedule (R[n]/<start>/<period>) or " +
        "parents, plus optional fields (shell, retries, cpus, mem, disk, owner, container, environmentVariables, " +
        "constraints, ...). Only the fields set here are compared with the live job.",
      required: true,
    },
    last_success: {
      kind: "string",
      description: "Time of the job's last successful run (null if none).",
      computed: true,
    },
    last_error: { kind: "string", description: "Time of the job's last failed run (null if none).", computed: true },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const eps = config.endpoints;
    if (Array.isArray(eps)) {
      if (eps.length === 0) errs.push({ attribute: "endpoints", message: "needs at least one Chronos base URL" });
      eps.forEach((e, i) => {
        if (!isUnknown(e) && (typeof e !== "string" || !/^https?:\/\/[^/]/.test(e))) {
          errs.push({
            attribute: "endpoints",
            message: `endpoints[${i}] must be an http(s) URL (got ${JSON.stringify(e)})`,
          });
        }
      });
    }
    const prefix = config.api_prefix;
    if (typeof prefix === "string" && prefix !== "" && !/^\/?[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/.test(prefix)) {
      errs.push({
        attribute: "api_prefix",
        message: `must be "" or a path such as "/v1" (got ${JSON.stringify(prefix)})`,
      });
    }
    const job = config.job;
    if (job === undefined || job === null || isUnknown(job)) return errs;
    if (!isPlainObject(job))
      return [...errs, { attribute: "job", message: "must be an object (the Chronos job JSON)" }];
    const bad = (message: string) => errs.push({ attribute: "job", message });
    const name = job.name;
    if (name === undefined || name === null) bad('must have a "name"');
    else if (!isUnknown(name) && (typeof name !== "string" || !/^[\w.-]+$/.test(name))) {
      bad(`"name" must match [\\w.-]+ (letters, digits, "_", ".", "-"; got ${JSON.stringify(name)})`);
    }
    if (job.command === undefined || job.command === null) bad('must have a "command"');
    const hasSchedule = job.schedule !== undefined && job.schedule !== null;
    const hasParents =
      job.parents !== undefined && job.parents !== null && !(Array.isArray(job.parents) && job.parents.length === 0);
    if (hasSchedule && hasParents) bad('sets both "schedule" and "parents": a job is either scheduled or dependent');
    if (!hasSchedule && !hasParents) bad('needs "schedule" (ISO 8601 R[n]/<start>/<period>) or "parents"');
    if (typeof job.schedule === "string" && parseSchedule(job.schedule) === null) {
      bad(`"schedule" must be R[n]/<ISO 8601 start or empty>/<ISO 8601 period> (got ${JSON.stringify(job.schedule)})`);
    }
    if (hasParents && !isUnknown(job.parents) && !Array.isArray(job.parents))
      bad('"parents" must be a list of job names');
    for (const k of Object.keys(job)) {
      if (READ_ONLY_FIELDS.has(k)) bad(`"${k}" is maintained by Chronos and cannot be set`);
      else if (!CHRONOS_JOB_FIELDS.has(k)) bad(`unknown job field "${k}"`);
    }
    return errs;
  },

  planChange(prior, config) {
    const planned: Attrs = { ...config };
    if (prior === null) return { planned };
    const before = isPlainObject(prior.job) ? prior.job.name : undefined;
    const after = isPlainObject(config.job) ? config.job.name : undefined;
    const requiresReplace = before !== undefined && !deepEqual(before, after) ? ["job"] : [];
    return { planned, requiresReplace };
  },

  async create(ctx, planned) {
    const client = clientOf(planned);
    const job = jobOf(planned);
    const existing = await client.getJob(job.name, ctx.signal);
    if (existing !== null && deepEqual(projectJob(job, existing), job)) {
      ctx.log(`adopted existing Chronos job "${job.name}" (already as configured)`);
      return withComputed(planned, existing);
    }
    const kind = await client.saveJob(wireJob(job), ctx.signal);
    ctx.log(
      `${existing ? "replaced existing" : "created"} Chronos ${kind === "dependency" ? "dependent" : "scheduled"} ` +
        `job "${job.name}"`,
    );
    const live = await client.getJob(job.name, ctx.signal);
    if (live === null)
      throw new Error(`Chronos job "${job.name}" is not there after POST ${client.prefix}/scheduler/${kind}`);
    return withComputed(planned, live);
  },

  async read(ctx, prior) {
    const client = clientOf(prior);
    const job = jobOf(prior);
    const live = await client.getJob(job.name, ctx.signal);
    if (live === null) return null;
    return { ...withComputed(prior, live), job: projectJob(job, live) };
  },

  async update(ctx, prior, planned) {
    const client = clientOf(planned);
    const job = jobOf(planned);
    if (deepEqual(prior.job ?? null, job)) {
      // Only gantry-side settings changed (endpoints, api_prefix): nothing to send.
      return { ...planned, last_success: prior.last_success ?? null, last_error: prior.last_error ?? null };
    }
    const kind = await client.saveJob(wireJob(job), ctx.signal);
    ctx.log(`updated Chronos job "${job.name}" (${kind})`);
    const live = await client.getJob(job.name, ctx.signal);
    if (live === null)
      throw new Error(`Chronos job "${job.name}" is not there after POST ${client.prefix}/scheduler/${kind}`);
    return withComputed(planned, live);
  },

  async delete(ctx, prior) {
    const client = clientOf(prior);
    const job = jobOf(prior);
    const existed = await client.deleteJob(job.name, ctx.signal);
    ctx.log(existed ? `deleted Chronos job "${job.name}"` : `Chronos job "${job.name}" was already gone`);
  },
};

function clientOf(attrs: Attrs): ChronosClient {
  return new ChronosClient(stringList(attrs, "endpoints"), {
    ...chronosClientDefaults,
    apiPrefix: optString(attrs, "api_prefix") ?? DEFAULT_CHRONOS_PREFIX,
  });
}

function jobOf(attrs: Attrs): ChronosJob {
  const job = attrs.job;
  if (!isPlainObject(job) || typeof job.name !== "string" || job.name === "")
    throw new Error('attribute "job" must be an object with a "name"');
  return job as ChronosJob;
}

/** The JSON sent: the doc's `dataJob` is read by the code as `dataProcessingJobType`, so both are sent. */
export function wireJob(job: ChronosJob): ChronosJob {
  const out: ChronosJob = { ...job };
  if (typeof job.dataJob === "boolean" && job.dataProcessingJobType === undefined)
    out.dataProcessingJobType = job.dataJob;
  return out;
}

function withComputed(attrs: Attrs, live: ChronosJob): Attrs {
  const ts = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return { ...attrs, last_success: ts(live.lastSuccess), last_error: ts(live.lastError) };
}

interface Schedule {
  repeat: number | null; // null: unbounded ("R")
  start: string;
  period: string;
}

/** "R5/2024-01-01T00:00:00Z/PT1H" → {repeat 5, start, period}; null when malformed. */
export function parseSchedule(s: string): Schedule | null {
  const m = /^R(\d*)\/([^/]*)\/(P[0-9A-Z.,]+)$/.exec(s.trim());
  if (!m) return null;
  return { repeat: m[1] === "" ? null : Number(m[1]), start: m[2]!, period: m[3]! };
}

/**
 * Chronos rewrites a job's schedule as it runs it: the start moves to the next
 * run and a bounded repeat count goes down. A live schedule with the same
 * period, whose count is not above the configured one, is the configured schedule.
 */
export function sameSchedule(configured: string, live: string): boolean {
  if (configured === live) return true;
  const c = parseSchedule(configured);
  const l = parseSchedule(live);
  if (!c || !l || c.period !== l.period) return false;
  if (c.repeat === null) return l.repeat === null || l.repeat === -1;
  return l.repeat !== null && l.repeat <= c.repeat;
}

/**
 * The live job mapped onto the configured job's keys: Chronos' defaults are
 * not drift, a change of a configured field is.
 * - `schedule`: see sameSchedule;
 * - `parents`: a set (order ignored);
 * - `dataJob`: from the code's `dataProcessingJobType`;
 * - `epsilon`, `async`: kept as configured when Chronos does not return them.
 */
export function projectJob(job: ChronosJob, live: ChronosJob): Value {
  return projectOnto(job as unknown as Value, live, {
    special(path, key, configured, liveValue) {
      if (path === "schedule" && typeof configured === "string" && typeof liveValue === "string") {
        return sameSchedule(configured, liveValue) ? configured : liveValue;
      }
      if (path === "parents" && Array.isArray(configured) && Array.isArray(liveValue)) {
        const a = [...configured].map(String).sort();
        const b = [...liveValue].map(String).sort();
        return deepEqual(a, b) ? configured : toValue(liveValue);
      }
      if (path === "dataJob" && liveValue === undefined && typeof live.dataProcessingJobType === "boolean")
        return live.dataProcessingJobType;
      if (UNOBSERVABLE_FIELDS.has(key) && path === key && liveValue === undefined) return configured;
      return undefined;
    },
  });
}
