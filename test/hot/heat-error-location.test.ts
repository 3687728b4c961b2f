// Heat's place in an error's message: a function in a resource or an output, named as Heat's validation names it.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { heatLocatedMessage } from "../../templates/hot/heat-error-location.js";
import { HOT_TEMPLATE_FILE } from "../../templates/hot/hot-sources.js";

const at = (path: (string | number)[], summary = "boom", file = HOT_TEMPLATE_FILE): Diagnostic => ({
  severity: "error",
  summary,
  origin: { file, path },
});

test("a function in an output or a resource is named by its place, list items as Heat writes them", () => {
  assert.is(heatLocatedMessage(at(["outputs", "o", "value", "Fn::Join"])), "outputs.o.value.Fn::Join: boom");
  assert.is(
    heatLocatedMessage(at(["resources", "r", "properties", "value", 1, "str_replace"])),
    "resources.r.properties.value[1].str_replace: boom",
  );
});

test("anything else keeps its message: not a function, another section, another file, already placed", () => {
  assert.is(heatLocatedMessage(at(["outputs", "o", "value"])), "boom");
  assert.is(heatLocatedMessage(at(["parameters", "p", "get_param"])), "boom");
  assert.is(heatLocatedMessage(at(["outputs", "o", "value", "list_join"], "boom", "provider.yaml")), "boom");
  assert.is(
    heatLocatedMessage(at(["outputs", "o", "value", "if"], "outputs.o.value.if: boom")),
    "outputs.o.value.if: boom",
  );
});

test.run();
