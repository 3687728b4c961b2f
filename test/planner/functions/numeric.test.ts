import { test } from "uvu";
import { fails, isUnknown, results } from "./call.js";

test("documented examples", () => {
  results([
    ["abs(23)", 23],
    ["abs(0)", 0],
    ["abs(-12.4)", 12.4],
    ["ceil(5)", 5],
    ["ceil(5.1)", 6],
    ["floor(5)", 5],
    ["floor(4.9)", 4],
    ["floor(-1.5)", -2],
    ["log(50, 10)", 1.6989700043360185],
    ["log(16, 2)", 4],
    ["max(12, 54, 3)", 54],
    ["min(12, 54, 3)", 3],
    ['parseint("100", 10)', 100],
    ['parseint("FF", 16)', 255],
    ['parseint("-10", 16)', -16],
    ['parseint("1011111011101111", 2)', 48879],
    ['parseint("aA", 62)', 656],
    ['parseint("zz", 36)', 1295],
    ["pow(3, 2)", 9],
    ["pow(4, 0)", 1],
    ["signum(-13)", -1],
    ["signum(0)", 0],
    ["signum(344)", 1],
  ]);
});

test("numbers given as strings are converted; big integers keep their digits as text", () => {
  results([
    ['abs("-3")', 3],
    ['max("10", 9)', 10],
    ["tostring(pow(2, 64))", "18446744073709551616"],
    ["tostring(1/3)", "0.3333333333333333"],
    ["jsonencode(pow(10, 21))", "1000000000000000000000"],
  ]);
});

test("errors", () => {
  fails("max()", 'Call to function "max" failed: must pass at least one number.');
  fails(
    'parseint("12", 2)',
    'Invalid value for "number" parameter of parseint(): cannot parse "12" as a base 2 integer.',
  );
  fails('parseint("FF", 1)', /base must be a whole number between 2 and 62 inclusive/);
  fails('parseint("FF", 63)', /base must be a whole number between 2 and 62 inclusive/);
  fails('abs("x")', /Invalid value for "num" parameter of abs\(\): a number is required/);
  fails("abs(true)", /number required/);
  fails("abs(null)", /argument must not be null/);
  fails("abs(1, 2)", /abs\(\) takes 1 argument, got 2/);
});

test("unknown arguments give unknown results", () => {
  isUnknown("abs(var.u)");
  isUnknown("max(1, var.u)");
  isUnknown("parseint(var.u, 10)");
});

test.run();
