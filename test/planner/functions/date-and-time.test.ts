import { test } from "uvu";
import * as assert from "uvu/assert";
import { call, fails, isUnknown, results } from "./call.js";

test("formatdate: documented examples and every spec letter", () => {
  results([
    ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', "02 Jan 2018 23:12 UTC"],
    ['formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")', "Tuesday, 02-Jan-18 23:12:01 UTC"],
    ['formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")', "Tue, 02 Jan 2018 23:12:01 -0800"],
    ['formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")', "Jan 02, 2018"],
    ['formatdate("HH:mmaa", "2018-01-02T23:12:01Z")', "11:12pm"],
    [
      'formatdate("H:m:s AA Z ZZZZ ZZZZZ M D h MMMM", "2018-01-02T03:04:05+05:30")',
      "3:4:5 AM +05:30 +0530 +05:30 1 2 3 January",
    ],
    ['formatdate("Z", "2018-01-02T03:04:05Z")', "Z"],
    ["formatdate(\"h 'o''clock'\", \"2018-01-02T23:12:01Z\")", "23 o'clock"],
    ['formatdate("\'\'", "2018-01-02T23:12:01Z")', "'"],
    ['formatdate("YYYY-MM-DD", "2018-01-02T23:12:01.123456Z")', "2018-01-02"],
  ]);
});

test("formatdate errors", () => {
  fails(
    'formatdate("YYY", "2018-01-02T23:12:01Z")',
    /invalid date format verb "YYY": year must either be "YY" or "YYYY"/,
  );
  fails('formatdate("x", "2018-01-02T23:12:01Z")', /invalid date format verb "x"/);
  fails('formatdate("\'abc", "2018-01-02T23:12:01Z")', /unterminated literal '/);
  fails('formatdate("YYYY", "2018-01-02")', /not a valid RFC3339 timestamp: missing required time introducer 'T'/);
  fails('formatdate("YYYY", "2018-01-02T23:12:01")', /not a valid RFC3339 timestamp: end of string before UTC offset/);
  fails('formatdate("YYYY", "2018-01-02T24:12:01Z")', /hour must be between 0 and 23 inclusive/);
});

test("timeadd takes Go durations and keeps the offset", () => {
  results([
    ['timeadd("2017-11-22T00:00:00Z", "10m")', "2017-11-22T00:10:00Z"],
    ['timeadd("2017-11-22T00:00:00Z", "-1h30m")', "2017-11-21T22:30:00Z"],
    ['timeadd("2017-11-22T00:00:00+05:00", "1.5h")', "2017-11-22T01:30:00+05:00"],
    ['timeadd("2017-11-22T00:00:00Z", "2h45m10s")', "2017-11-22T02:45:10Z"],
    ['timeadd("2017-11-22T00:00:00.999Z", "300ms")', "2017-11-22T00:00:01Z"],
    ['timeadd("2017-11-22T00:00:00Z", "0")', "2017-11-22T00:00:00Z"],
    ['timeadd("2024-02-28T12:00:00Z", "24h")', "2024-02-29T12:00:00Z"],
  ]);
  fails('timeadd("2017-11-22T00:00:00Z", "1d")', /time: unknown unit "d" in duration "1d"/);
  fails('timeadd("2017-11-22T00:00:00Z", "10")', /time: missing unit in duration "10"/);
  fails('timeadd("2017-11-22T00:00:00Z", "x")', /time: invalid duration "x"/);
});

test("timecmp compares instants", () => {
  results([
    ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z")', 0],
    ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")', -1],
    ['timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z")', 1],
    ['timecmp("2017-11-22T01:00:00Z", "2017-11-22T01:00:00+01:00")', 1],
    ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00+01:00")', 0],
  ]);
});

test("timestamp is unknown while planning, plantimestamp is the plan's time", () => {
  isUnknown("timestamp()", { phase: "plan" });
  const now = call("timestamp()", { phase: "apply" }) as string;
  assert.match(now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.is(call("plantimestamp()", { phase: "plan", planTimestamp: "2024-05-01T10:00:00Z" }), "2024-05-01T10:00:00Z");
  assert.is(call("plantimestamp()", { phase: "apply", planTimestamp: "2024-05-01T10:00:00Z" }), "2024-05-01T10:00:00Z");
  assert.is(call('formatdate("YYYY", plantimestamp())', { planTimestamp: "2024-05-01T10:00:00Z" }), "2024");
  isUnknown('timeadd(timestamp(), "1h")', { phase: "plan" });
});

test.run();
