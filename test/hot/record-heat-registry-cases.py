#!/usr/bin/python3
# Records what Heat 19's own code (Debian's python3-heat) answers for each
# case of heat-registry-cases.json: how each (resource name, type) resolves
# through the merged environments, and which types Heat knows without a
# mapping. Run it with /usr/bin/python3 after changing the cases.
#   /usr/bin/python3 test/hot/record-heat-registry-cases.py && npx biome format --write test/hot/fixtures
import copy
import json
import re
import os
import sys

from heat.common import environment_format as env_fmt
from heat.common import environment_util as env_util
from heat.engine import environment
from heat.engine import resources

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "fixtures", "heat-registry-cases.json")


def answer(env, name, rtype):
    try:
        info = env.registry.get_resource_info(rtype, resource_name=name)
    except Exception as ex:  # noqa: BLE001
        return {"error": str(ex)}
    if isinstance(info, environment.TemplateResourceInfo):
        return {"kind": "template", "file": info.template_name}
    if info.name == "OS::Heat::None":
        return {"kind": "none"}
    return {"kind": "type", "heatType": info.name}


def run(case):
    files = {}
    names = []
    for i, text in enumerate(case["environments"]):
        files["env-%d.yaml" % i] = text
        names.append("env-%d.yaml" % i)
    params = {}
    env_fmt.default_for_missing(params)
    env_util.merge_environments(names, files, params, {})
    # A fresh environment for every lookup: Heat's registry caches a resolved mapping under the type's own name
    # (get_resource_info registers it), so that one resource's own mapping would leak into later lookups.
    fresh = lambda: environment.Environment(copy.deepcopy(params))  # noqa: E731
    glob = resources.global_env().registry
    types = set()
    for name, rtype in case["lookups"]:
        types.add(rtype)
    for text in case["environments"]:
        types.update(re.findall(r"[A-Za-z][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)+", text))
    known = sorted(t for t in types if isinstance(glob._registry.get(t), environment.ClassResourceInfo))
    return {"known": known, "answers": [answer(fresh(), n, t) for n, t in case["lookups"]]}


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
