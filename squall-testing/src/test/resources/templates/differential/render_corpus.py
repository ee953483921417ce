"""Renders a corpus of templates with Tornado, for Squall's differential template test.

Reads one JSON document (a list of cases) from the file named on the command line and writes one
JSON object mapping each case name to {"output": text} or {"error": "Type: message"} to stdout.
"""

import datetime
import json
import sys

from tornado.escape import native_str, to_unicode
from tornado.template import DictLoader, Template
from tornado.util import ObjectDict

FUNCTIONS = {
    "upper": lambda s: to_unicode(s).upper(),
    "inc": lambda x: x + 1,
    "py_escape": lambda s: repr(native_str(s)),
}


def value(v):
    if isinstance(v, list):
        return [value(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1 and "$obj" in v:
            return ObjectDict({k: value(x) for k, x in v["$obj"].items()})
        if len(v) == 1 and "$date" in v:
            return datetime.datetime.fromisoformat(v["$date"])
        if len(v) == 1 and "$tuple" in v:
            return tuple(value(x) for x in v["$tuple"])
        return {k: value(x) for k, x in v.items()}
    return v


def render(case, extra):
    args = {k: value(v) for k, v in case.get("args", {}).items()}
    for name in case.get("functions", []):
        args[name] = FUNCTIONS[name]
    if "template" in case:
        return Template(case["template"]).generate(**args)
    namespace = {name: FUNCTIONS[name] for name in case.get("namespace_functions", [])}
    kwargs = {"namespace": namespace}
    if "autoescape" in case:
        kwargs["autoescape"] = case["autoescape"]
    if "whitespace" in case:
        kwargs["whitespace"] = case["whitespace"]
    loader = DictLoader(case["templates"], **kwargs)
    if extra is not None:
        # A handler's template namespace, built by the extras file for this loader.
        args.update(extra(loader, args))
    return loader.load(case["main"]).generate(**args)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        corpus = json.load(f)
    extras = {}
    if len(sys.argv) > 2:
        import importlib.util

        spec = importlib.util.spec_from_file_location("extras", sys.argv[2])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        extras = module.EXTRAS
    results = {}
    for case in corpus:
        try:
            out = render(case, extras.get(case.get("extra")))
            results[case["name"]] = {"output": to_unicode(out)}
        except Exception as e:  # every failure is a result to compare
            results[case["name"]] = {"error": type(e).__name__ + ": " + str(e)}
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
