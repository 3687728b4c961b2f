#!/usr/bin/python3
# Records what Heat 19's own code (Debian's python3-heat) answers for each
# case of heat-parameter-cases.json: the first error, the parameters' values
# and the validate answer's Parameters section. Run it with /usr/bin/python3
# after changing the cases; the test compares gantry with the answers.
#   /usr/bin/python3 test/hot/record-heat-parameter-cases.py && npx biome format --write test/hot/fixtures
import json
import math
import os
import sys

from heat.common import environment_format as env_fmt
from heat.common import environment_util as env_util
from heat.common import template_format
from heat.engine import api, environment, parameter_groups
from heat.engine import template as templatem
import heat.engine.resources  # noqa: F401  (registers the template classes)

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "fixtures", "heat-parameter-cases.json")


def plain(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return str(v)
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v


def run(case):
    files = {}
    names = []
    for i, text in enumerate(case.get("environments", [])):
        name = "env-%d.yaml" % i
        files[name] = text
        names.append(name)
    out = {"error": None}
    try:
        tmpl = templatem.Template(template_format.parse(case["template"]), files=files)
        params = {}
        env_fmt.default_for_missing(params)
        env_util.merge_environments(names, files, params, tmpl.all_param_schemata(files))
        tmpl.env = environment.Environment(params)
        ps = tmpl.parameters(None, tmpl.env.params, param_defaults=tmpl.env.param_defaults)
        strict = case.get("strict", True)
        try:
            ps.validate(validate_value=strict)
            parameter_groups.ParameterGroups(tmpl).validate()
        finally:
            out["describe"] = plain(ps.map(api.format_validate_parameter,
                                           filter_func=lambda p: p.name not in ps.PSEUDO_PARAMETERS))
        if strict:
            out["values"] = plain({k: ps[k] for k in ps.non_pseudo_param_keys})
    except Exception as ex:  # noqa: BLE001 - every Heat error is an answer
        out["error"] = str(ex)
    return out


def main():
    with open(PATH) as f:
        data = json.load(f)
    for case in data["cases"]:
        case["heat"] = run(case)
    with open(PATH, "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("recorded %d cases" % len(data["cases"]), file=sys.stderr)


if __name__ == "__main__":
    main()
