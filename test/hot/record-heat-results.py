#!/usr/bin/python3
# Records what real Heat (the Debian python3-heat package, Heat 19) answers for each case of
# function-cases.yaml, into function-cases.heat19.json; and what its template_versions API lists as each HOT
# version's functions (with and without ?with_condition_func=true), into template-functions.heat19.json. Run with /usr/bin/python3 from this directory:
#   /usr/bin/python3 record-heat-results.py && npx biome format --write .
# Each snippet is parsed as Heat parses an output's value (or, with `cond`, a condition definition) of a
# template of the case's version, validated and resolved; the result or the exception's type and message is kept.
import json
import os
import pydoc

import yaml
from oslo_config import cfg

from heat.engine import conditions
from heat.engine import environment
from heat.engine import function
from heat.engine.hot import functions as hot_functions
from heat.engine import stack as parser
from heat.engine import template
from heat.tests import utils

HERE = os.path.dirname(os.path.abspath(__file__))


def param_type(value):
    if isinstance(value, bool):
        return 'boolean'
    if isinstance(value, (int, float)):
        return 'number'
    if isinstance(value, (dict, list)):
        return 'json'
    return 'string'


def run(case, ctx):
    params = case.get('params') or {}
    t = {'heat_template_version': case['version'],
         'parameters': {k: {'type': param_type(v)} for k, v in params.items()}}
    if case.get('conditions') is not None:
        t['conditions'] = case['conditions']
    tmpl = template.Template(t, files=case.get('files') or {},
                             env=environment.Environment({'parameters': params}))
    stk = parser.Stack(ctx, 'test_stack', tmpl)
    try:
        if case.get('cond'):
            parsed = tmpl.parse_condition(stk.defn, case['snippet'], path='conditions.c')
            conds = conditions.Conditions({'c': parsed})
            conds.validate()
            return {'ok': conds.is_enabled('c')}
        parsed = tmpl.parse(stk.defn, case['snippet'], path='outputs.o.value')
        function.validate(parsed)
        return {'ok': function.resolve(parsed)}
    except Exception as e:  # what Heat raised, as its API would show it
        return {'err': type(e).__name__, 'msg': str(e)}


def template_functions():
    """As the engine's list_template_functions answers, without its side effect on the class."""
    mgr = template._get_template_extension_manager()
    out = {}
    for name in sorted(mgr.names()):
        if not name.startswith('heat_template_version.'):
            continue
        cls = mgr[name].plugin
        for with_condition in (False, True):
            funcs = dict(cls.functions)
            if with_condition:
                funcs.update(cls.condition_functions)
            out[name + ('?with_condition_func=true' if with_condition else '')] = [
                {'functions': n, 'description': pydoc.splitdoc(pydoc.getdoc(f))[0]}
                for n, f in funcs.items() if f is not hot_functions.Removed]
    return out


def main():
    cfg.CONF([], project='heat', default_config_files=[])
    ctx = utils.dummy_context()
    with open(os.path.join(HERE, 'function-cases.yaml')) as f:
        cases = yaml.safe_load(f)['cases']
    results = [run(c, ctx) for c in cases]
    with open(os.path.join(HERE, 'function-cases.heat19.json'), 'w') as f:
        json.dump(results, f, indent=1, default=repr)
        f.write('\n')
    with open(os.path.join(HERE, 'template-functions.heat19.json'), 'w') as f:
        json.dump(template_functions(), f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
