// terraform fmt's formatting against upstream test data: Terraform's golden files (terraform-fmt/, MPL-2.0, see
// its README) and a selection of the cases of HCL's formatter tests (hashicorp/hcl, hclwrite/format_test.go,
// MPL-2.0), copied as they are written there.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { formatHcl, formatHclText } from "../../hcl/format/format-hcl.js";
import { lexHcl } from "../../hcl/format/lexer.js";
import { tokensText } from "../../hcl/format/token.js";

const fixture = (name: string) => readFileSync(new URL(`terraform-fmt/${name}`, import.meta.url), "utf8");

for (const name of ["general", "variable_type"])
  test(`Terraform's golden file ${name}_in.tf → ${name}_out.tf`, () => {
    assert.fixture(formatHclText(fixture(`${name}_in.tf`)), fixture(`${name}_out.tf`));
    // formatting is idempotent: the golden output is already canonical
    assert.fixture(formatHclText(fixture(`${name}_out.tf`)), fixture(`${name}_out.tf`));
  });

// [input, want] from hclwrite/format_test.go (TestFormat)
const HCLWRITE_CASES: [string, string][] = [
  ["", ""],
  ["a=1", "a = 1"],
  ["a=b.c", "a = b.c"],
  ["a=b[c]", "a = b[c]"],
  ["a=b()[c]", "a = b()[c]"],
  ['a=["hello"][0]', 'a = ["hello"][0]'],
  ["( a+2 )", "(a + 2)"],
  ["( a*2 )", "(a * 2)"],
  ["( a+-2 )", "(a + -2)"],
  ["( a*-2 )", "(a * -2)"],
  ["(-2+1)", "(-2 + 1)"],
  ["foo(1, -2,a*b, b,c)", "foo(1, -2, a * b, b, c)"],
  ["foo(a,b...)", "foo(a, b...)"],
  ["! true", "!true"],
  ['a="hello ${ name }"', 'a = "hello ${name}"'],
  ['a="hello ${~ name ~}"', 'a = "hello ${~name~}"'],
  ['a="${b}${c}${ d } ${e}"', 'a = "${b}${c}${d} ${e}"'],
  ['"%{if true}${var.foo}%{endif}"', '"%{if true}${var.foo}%{endif}"'],
  ["b{}", "b {}"],
  ['\n"${\nhello\n}"\n', '\n"${\n  hello\n}"\n'],
  ["\nfoo(\n1,\n- 2,\na*b,\nb,\nc,\n)\n", "\nfoo(\n  1,\n  -2,\n  a * b,\n  b,\n  c,\n)\n"],
  ["a?b:c", "a ? b : c"],
  ["[ [ ] ]", "[[]]"],
  ["[for x in y : x]", "[for x in y : x]"],
  ["[for x in [y] : x]", "[for x in [y] : x]"],
  ["\n[\n[\na\n]\n]\n", "\n[\n  [\n    a\n  ]\n]\n"],
  ["\n[[\na\n]]\n", "\n[[\n  a\n]]\n"],
  ["\n[[\n[\na\n]\n]]\n", "\n[[\n  [\n    a\n  ]\n]]\n"],
  ["\n[[\n[\na\n]]\n]\n", "\n[[\n  [\n    a\n  ]]\n]\n"],
  ["\nb {\na = 1\n}\n", "\nb {\n  a = 1\n}\n"],
  ["\nb {a = 1}\n", "\nb { a = 1 }\n"],
  ["\na = 1\nbungle = 2\n", "\na      = 1\nbungle = 2\n"],
  ["\na = 1\n\nbungle = 2\n", "\na = 1\n\nbungle = 2\n"],
  ["\na = 1 # foo\nbungle = 2\n", "\na      = 1 # foo\nbungle = 2\n"],
  ['\na = 1 # foo\nbungle = "bonce" # baz\n', '\na      = 1       # foo\nbungle = "bonce" # baz\n'],
  [
    '\nfoo {} # here we go\na = 1 # foo\nbungle = "bonce" # baz\n',
    '\nfoo {}           # here we go\na      = 1       # foo\nbungle = "bonce" # baz\n',
  ],
  [
    '\na = 1 # foo\nbungle = (\n    "bonce"\n) # baz\nzebra = "striped" # baz\n',
    '\na = 1 # foo\nbungle = (\n  "bonce"\n)                 # baz\nzebra = "striped" # baz\n',
  ],
  [
    '\na="apple"# foo\nbungle=(# woo parens\n"bonce"\n)# baz\nzebra="striped"# baz\n',
    '\na = "apple" # foo\nbungle = (  # woo parens\n  "bonce"\n)                 # baz\nzebra = "striped" # baz\n',
  ],
  [
    '\n𝒜 = 1 # foo\nbungle = "🇬🇧" # baz\nzebra = "striped" # baz\n',
    '\n𝒜      = 1         # foo\nbungle = "🇬🇧"       # baz\nzebra  = "striped" # baz\n',
  ],
  ["\nfoo {\n# ...\n}\n", "\nfoo {\n  # ...\n}\n"],
  ["\nfoo = [{\n# ...\n}]\n", "\nfoo = [{\n  # ...\n}]\n"],
  ["\nfoo {\nbar = [\n# ...\n]\n}\n", "\nfoo {\n  bar = [\n    # ...\n  ]\n}\n"],
  ["\nfoo {\nbar = <<EOT\nFoo bar baz\nEOT\n}\n", "\nfoo {\n  bar = <<EOT\nFoo bar baz\nEOT\n}\n"],
  ["\nfoo {\nbar = <<-EOT\n  Foo bar baz\nEOT\n}\n", "\nfoo {\n  bar = <<-EOT\n  Foo bar baz\nEOT\n}\n"],
  ["\nfoo {\nbar = <<-EOT\n  blahblahblah = x\nEOT\n}\n", "\nfoo {\n  bar = <<-EOT\n  blahblahblah = x\nEOT\n}\n"],
  [
    "\nfoo {\nbar = <<-EOT\n  ${{ blahblahblah = x }}\nEOT\n}\n",
    "\nfoo {\n  bar = <<-EOT\n  ${ { blahblahblah = x } }\nEOT\n}\n",
  ],
  [
    "\nfoo {\n  bar = <<-EOT\n  ${a}${b}${ c } ${d}\nEOT\n}\n",
    "\nfoo {\n  bar = <<-EOT\n  ${a}${b}${c} ${d}\nEOT\n}\n",
  ],
  [
    '\nfoo {\nbar = <<EOT\nFoo bar baz\nEOT\nbaz = <<EOT\nFoo bar baz\nEOT\n}\n\nbar {\nfoo = "bar"\n}\n',
    '\nfoo {\n  bar = <<EOT\nFoo bar baz\nEOT\n  baz = <<EOT\nFoo bar baz\nEOT\n}\n\nbar {\n  foo = "bar"\n}\n',
  ],
  [
    '\nmodule "foo" {\nfoo = <<EOF\n5\nEOF\n}\n\nmodule "x" {\na = "b"\nabcde = "456"\n}',
    '\nmodule "foo" {\n  foo = <<EOF\n5\nEOF\n}\n\nmodule "x" {\n  a     = "b"\n  abcde = "456"\n}',
  ],
  ["attr = provider::framework::example()", "attr = provider::framework::example()"],
  ["attr = provider :: framework :: example()", "attr = provider::framework::example()"],
  ["attr = provider ::framework:: example()", "attr = provider::framework::example()"],
];

test("hclwrite's formatting cases", () => {
  for (const [input, want] of HCLWRITE_CASES) assert.fixture(formatHclText(input), want, JSON.stringify(input));
});

test("the tokens give back the input exactly (nothing is lost before formatting)", () => {
  for (const src of [fixture("general_in.tf"), fixture("variable_type_in.tf"), ...HCLWRITE_CASES.map((c) => c[0])])
    assert.is(tokensText(lexHcl(src)), src);
  const crlf = 'a = "x"\r\n/* block\n comment */ b = <<-EOT\n  $${not} %%{this} ${x}\n  EOT\r\n';
  assert.is(tokensText(lexHcl(crlf)), crlf);
});

test("trailing spaces, tabs and CRLF line ends; heredoc text and its closing marker kept", () => {
  assert.is(formatHclText('a\t=  "x"   \r\nbb = 1\t\n'), 'a  = "x"\r\nbb = 1\n');
  const heredoc = "x {\n    y = <<-EOT\n      keep   this  \n    EOT\n}\n";
  assert.is(formatHclText(heredoc), "x {\n  y = <<-EOT\n      keep   this  \n    EOT\n}\n");
});

test("a syntax error: HCL's message, file, line and column; nothing formatted", async () => {
  const r = await formatHcl("invalid.tf", "\na = 1 +\n");
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.errors[0].summary, "Invalid expression");
  assert.equal([r.errors[0].line, r.errors[0].column], [2, 8]);
  const block = await formatHcl("backend.tf", 'terraform {backend "s3" {}}');
  assert.is(block.ok, false);
  if (!block.ok) assert.match(block.errors[0].summary, /Argument definition required/);
});

test.run();
