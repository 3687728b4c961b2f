import { homedir } from "node:os";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { call, FIXTURES, fails, isUnknown, results } from "./call.js";

test("paths", () => {
  results([
    ['abspath("x/y")', "/work/x/y"],
    ['abspath("/etc")', "/etc"],
    ['dirname("foo/bar/baz.txt")', "foo/bar"],
    ['dirname("foo")', "."],
    ['dirname("")', "."],
    ['dirname("/")', "/"],
    ['dirname("/foo/")', "/foo"],
    ['basename("foo/bar/baz.txt")', "baz.txt"],
    ['basename("foo/")', "foo"],
    ['basename("/")', "/"],
    ['basename("")', "."],
    ['pathexpand("/etc/resolv.conf")', "/etc/resolv.conf"],
  ]);
  assert.is(call('pathexpand("~/.ssh/id_rsa")'), `${homedir()}/.ssh/id_rsa`);
  assert.is(call('pathexpand("~")'), homedir());
});

test("files are read relative to the configuration directory", () => {
  results([
    ['file("hello.txt")', "hello"],
    ['filebase64("hello.txt")', "aGVsbG8="],
    ['fileexists("hello.txt")', true],
    ['fileexists("nope.txt")', false],
    ['fileset(".", "files/*.txt")', ["files/a.txt"]],
    ['fileset("files", "*.txt")', ["a.txt"]],
    ['fileset("files", "**")', [".hidden", "a.txt", "b.md", "sub/c.txt"]],
    ['fileset("files", "**/*.txt")', ["a.txt", "sub/c.txt"]],
    ['fileset("files", "{sub/*,*.md}")', ["b.md", "sub/c.txt"]],
    ['fileset("files", "?.md")', ["b.md"]],
    ['fileset("files", "nothing")', []],
  ]);
  assert.is(call(`file("${FIXTURES}hello.txt")`), "hello");
});

test("templatefile renders with the expression language", () => {
  results([
    ['templatefile("greeting.tftpl", { name = "Ander" })', "Hello, Ander!"],
    ['templatefile("items.tftpl", { name = "x", items = ["a", "b"] })', "X has 2 items: a, b"],
    ['templatefile("raw.tftpl", { config = { a = [1] } })', { a: [1] }],
  ]);
  fails('templatefile("greeting.tftpl", {})', /vars map does not contain key "name", referenced at greeting\.tftpl/);
  fails(
    'templatefile("recursive.tftpl", {})',
    /cannot recursively call templatefile from inside another template function/,
  );
  fails('templatefile("greeting.tftpl", "x")', /invalid vars value: must be a map/);
  isUnknown('templatefile("greeting.tftpl", { name = var.u })');
});

test("errors name the file", () => {
  fails(
    'file("nope.txt")',
    'Invalid value for "path" parameter of file(): no file exists at "nope.txt"; this function works only with ' +
      "files that are distributed as part of the configuration source code, so if this file will be created by a " +
      "resource in this configuration you must instead obtain this result from an attribute of that resource.",
  );
  fails('file("binary.bin")', /contents of "binary.bin" are not valid UTF-8; use the filebase64 function/);
  fails('fileexists("files")', /"files" is a directory, not a file/);
  isUnknown("file(var.u)");
});

test.run();
