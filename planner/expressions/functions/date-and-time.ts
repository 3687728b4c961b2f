// Date and time functions (Terraform's docs: "Date and Time Functions"). Timestamps are RFC 3339 strings and keep
// their UTC offset through formatdate and timeadd, as Terraform's do.

import { UNKNOWN } from "../../../contract/values.js";
import { asString } from "./argument-conversion.js";
import { FunctionError, type FunctionTable, planning } from "./definition.js";

interface Timestamp {
  /** Milliseconds since the epoch (fractions of a millisecond are dropped). */
  epochMs: number;
  /** Offset from UTC in minutes. */
  offset: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function bad(why: string, argIndex: number): FunctionError {
  return new FunctionError(`not a valid RFC3339 timestamp: ${why}`, argIndex);
}

export function parseTimestamp(s: string, argIndex: number): Timestamp {
  const m = RFC3339.exec(s);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) throw bad("missing required time introducer 'T'", argIndex);
    if (/^\d{4}-\d{2}-\d{2}[^T]/.test(s)) throw bad("missing required time introducer 'T'", argIndex);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(s)) throw bad("end of string before UTC offset", argIndex);
    if (!/^\d{4}/.test(s)) throw bad(`cannot use ${JSON.stringify(s)} as year`, argIndex);
    throw bad(`cannot use ${JSON.stringify(s)} as timestamp segment`, argIndex);
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) throw bad("month out of range", argIndex);
  if (hour > 23) throw bad("hour must be between 0 and 23 inclusive", argIndex);
  if (minute > 59 || second > 59) throw bad("minute or second out of range", argIndex);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw bad("day out of range", argIndex);
  const offset =
    m[8] === "Z" ? 0 : (m[8][0] === "-" ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4)));
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  return { epochMs: wall - offset * 60_000, offset };
}

/** The wall clock at the timestamp's own offset, as a Date read with its UTC getters. */
function wallClock(t: Timestamp): Date {
  return new Date(t.epochMs + t.offset * 60_000);
}

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, "0");
  const mm = String(a % 60).padStart(2, "0");
  return `${sign}${hh}${colon ? ":" : ""}${mm}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Go's time.RFC3339 layout: seconds, and Z for UTC. */
export function formatRfc3339(t: Timestamp): string {
  const w = wallClock(t);
  const date = `${String(w.getUTCFullYear()).padStart(4, "0")}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())}`;
  const time = `${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}:${pad2(w.getUTCSeconds())}`;
  return `${date}T${time}${t.offset === 0 ? "Z" : offsetText(t.offset, true)}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The format's tokens: quoted literals, runs of one letter (verbs), and other text. */
function tokens(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < spec.length) {
    if (spec[i] === "'") {
      if (spec[i + 1] === "'") {
        out.push("''");
        i += 2;
        continue;
      }
      let j = i + 1;
      for (; j < spec.length; j++) {
        if (spec[j] === "'") {
          if (spec[j + 1] === "'") {
            j++;
            continue;
          }
          break;
        }
      }
      out.push(spec.slice(i, j + 1));
      i = j + 1;
    } else if (/[A-Za-z]/.test(spec[i])) {
      let j = i + 1;
      while (spec[j] === spec[i]) j++;
      out.push(spec.slice(i, j));
      i = j;
    } else {
      let j = i + 1;
      while (j < spec.length && spec[j] !== "'" && !/[A-Za-z]/.test(spec[j])) j++;
      out.push(spec.slice(i, j));
      i = j;
    }
  }
  return out;
}

function formatDate(spec: string, t: Timestamp): string {
  const w = wallClock(t);
  let out = "";
  const verbError = (tok: string, why?: string) =>
    new FunctionError(`invalid date format verb ${JSON.stringify(tok)}${why ? `: ${why}` : ""}`, 0);
  for (const tok of tokens(spec)) {
    if (tok[0] === "'") {
      if (tok.length === 1 || !tok.endsWith("'")) throw new FunctionError("unterminated literal '", 0);
      out += tok.length === 2 ? "'" : tok.slice(1, -1).replaceAll("''", "'");
      continue;
    }
    if (!/[A-Za-z]/.test(tok[0])) {
      out += tok;
      continue;
    }
    const n = tok.length;
    const num = (v: number, why: string) => {
      if (n === 1) return String(v);
      if (n === 2) return pad2(v);
      throw verbError(tok, why);
    };
    switch (tok[0]) {
      case "Y": {
        const y = w.getUTCFullYear();
        if (n === 2) out += pad2(y % 100);
        else if (n === 4) out += String(y).padStart(4, "0");
        else throw verbError(tok, 'year must either be "YY" or "YYYY"');
        break;
      }
      case "M": {
        const m = w.getUTCMonth();
        if (n <= 2) out += num(m + 1, "");
        else if (n === 3) out += MONTHS[m].slice(0, 3);
        else if (n === 4) out += MONTHS[m];
        else throw verbError(tok, 'month must be "M", "MM", "MMM", or "MMMM"');
        break;
      }
      case "D":
        out += num(w.getUTCDate(), 'day of month must either be "D" or "DD"');
        break;
      case "E": {
        const d = DAYS[w.getUTCDay()];
        if (n === 3) out += d.slice(0, 3);
        else if (n === 4) out += d;
        else throw verbError(tok, 'day of week must either be "EEE" or "EEEE"');
        break;
      }
      case "h":
        out += num(w.getUTCHours(), '24-hour must either be "h" or "hh"');
        break;
      case "H":
        out += num(w.getUTCHours() % 12 || 12, '12-hour must either be "H" or "HH"');
        break;
      case "A":
      case "a": {
        if (n !== 2) throw verbError(tok, `must be "${tok[0]}${tok[0]}"`);
        const pm = w.getUTCHours() >= 12;
        out += tok[0] === "A" ? (pm ? "PM" : "AM") : pm ? "pm" : "am";
        break;
      }
      case "m":
        out += num(w.getUTCMinutes(), 'minute must either be "m" or "mm"');
        break;
      case "s":
        out += num(w.getUTCSeconds(), 'second must either be "s" or "ss"');
        break;
      case "Z":
        if (n === 1) out += t.offset === 0 ? "Z" : offsetText(t.offset, true);
        else if (n === 3) out += t.offset === 0 ? "UTC" : offsetText(t.offset, false);
        else if (n === 4) out += offsetText(t.offset, false);
        else if (n === 5) out += offsetText(t.offset, true);
        else throw verbError(tok, "timezone must be Z, ZZZZ, or ZZZZZ");
        break;
      default:
        throw verbError(tok);
    }
  }
  return out;
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "\u00b5s": 1e-3,
  "\u03bcs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string, argIndex: number): number {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest[0] === "-" || rest[0] === "+") {
    sign = rest[0] === "-" ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw new FunctionError(`time: invalid duration ${quoted}`, argIndex);
  let total = 0;
  while (rest !== "") {
    const m = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (m[0] === "" || m[0] === ".") throw new FunctionError(`time: invalid duration ${quoted}`, argIndex);
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]+/.exec(rest);
    if (!u) throw new FunctionError(`time: missing unit in duration ${quoted}`, argIndex);
    const unit = UNITS[u[0]];
    if (unit === undefined)
      throw new FunctionError(`time: unknown unit ${JSON.stringify(u[0])} in duration ${quoted}`, argIndex);
    total += Number(m[0]) * unit;
    rest = rest.slice(u[0].length);
  }
  return sign * total;
}

function now(): Timestamp {
  return { epochMs: Math.floor(Date.now() / 1000) * 1000, offset: 0 };
}

export const DATE_AND_TIME_FUNCTIONS: FunctionTable = {
  formatdate: {
    params: ["format", "time"],
    impl: ([f, t]) => {
      const ts = parseTimestamp(asString(t, 1), 1);
      return formatDate(asString(f, 0), ts);
    },
  },
  timeadd: {
    params: ["timestamp", "duration"],
    impl: ([t, d]) => {
      const ts = parseTimestamp(asString(t, 0), 0);
      return formatRfc3339({ epochMs: ts.epochMs + parseGoDuration(asString(d, 1), 1), offset: ts.offset });
    },
  },
  timecmp: {
    params: ["timestamp_a", "timestamp_b"],
    impl: ([a, b]) => {
      const x = parseTimestamp(asString(a, 0), 0).epochMs;
      const y = parseTimestamp(asString(b, 1), 1).epochMs;
      return x < y ? -1 : x > y ? 1 : 0;
    },
  },
  timestamp: {
    params: [],
    impl: (_args, ctx) => (planning(ctx) ? UNKNOWN : formatRfc3339(now())),
  },
  plantimestamp: {
    params: [],
    impl: (_args, ctx) => ctx.scope.planTimestamp ?? formatRfc3339(now()),
  },
};
