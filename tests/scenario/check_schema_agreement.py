#!/usr/bin/env python3
"""The schema and the validator say the same thing, field by field.

`buslab schema` is generated from the tables the validator reads its keys and enums from; the numeric bounds and
the defaults are also written in those tables, but each section reader applies them itself. This test keeps the
two from drifting apart, with the JSON Schema (read by Debian's python3-jsonschema, an independent validator) as
the oracle:
  - every bounded number (minimum/maximum): at each bound both validators accept, one step beyond both refuse;
  - every enum: each choice that both accept in context, and a made-up choice both refuse;
  - every default the schema states: writing the default explicitly gives the same run as leaving the field out
    (buslab run, metrics.json without its provenance), on the labs that are quick to run.
Each field is tried in the first lab or bench scenario that has an object of its kind.
Usage: check_schema_agreement.py BUSLAB SOURCE_DIR"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

buslab, source = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(source, "docs", "buslab.schema.json")))
validator = jsonschema.Draft202012Validator(schema)
defs = schema["$defs"]

# Labs whose runs take well under a second: the defaults are checked by running them.
QUICK_LABS = ["01-direct-vs-broker", "02-prefetch", "03-ack-timing", "04-broker-crash", "05-xmlrpc", "07-buffering",
              "08-scale-out", "09-routing", "10-failure-detection", "11-oslo-seeds", "12-notifications"]


def deref(node):
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def objects_of(doc, node, path, found):
    """Every object in `doc` with the $defs kind it is, as (kind, path)."""
    if isinstance(node, dict) and "$ref" in node:
        kind = node["$ref"].split("/")[-1]
        target = defs[kind]
        if isinstance(doc, dict) and target.get("type") == "object":
            found.append((kind, path))
        objects_of(doc, target, path, found)
        return
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        if isinstance(doc, dict) and "$ref" in branch and deref(branch).get("type") == "object":
            objects_of(doc, branch, path, found)
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key in node.get("properties", {}):
                objects_of(value, node["properties"][key], path + [key], found)
            elif isinstance(node.get("additionalProperties"), dict):
                objects_of(value, node["additionalProperties"], path + [key], found)
    elif isinstance(doc, list) and "items" in node:
        for i, value in enumerate(doc):
            objects_of(value, node["items"], path + [i], found)


def at(doc, path):
    for step in path:
        doc = doc[step]
    return doc


scenarios = {}
for path in sorted(glob.glob(os.path.join(source, "labs", "*", "scenario.json")) +
                   glob.glob(os.path.join(source, "bench", "scenarios", "*.json"))):
    scenarios[path] = json.load(open(path))

# Every scenario (and place in it) holding an object of each kind, in order.
instances = {}
for path, doc in scenarios.items():
    found = []
    objects_of(doc, schema, [], found)
    found.append(("", []))  # the top level
    for kind, where in found:
        instances.setdefault(kind, []).append((path, where))

failures = []
checked = {"bounds": 0, "enums": 0, "defaults": 0}
tmp = tempfile.mkdtemp(prefix="buslab-agreement-")


def buslab_accepts(doc):
    path = os.path.join(tmp, "try.json")
    json.dump(doc, open(path, "w"))
    run = subprocess.run([buslab, "validate", path], capture_output=True, text=True)
    if run.returncode not in (0, 2):
        failures.append("buslab validate exited %d: %s" % (run.returncode, run.stderr.strip()[:300]))
    return run.returncode == 0, run.stderr.strip().splitlines()[0] if run.stderr.strip() else ""


def with_value(place, key, value, variants=False):
    """The scenario with `key` = `value` at `place`; without its variants unless asked (a variant's "set" would
    replace the value being tried)."""
    scenario, where = place
    doc = copy.deepcopy(scenarios[scenario])
    if not variants:
        doc.pop("variants", None)
    at(doc, where)[key] = value
    return scenario, where, doc


def agree(place, key, value, expect_valid):
    """Both validators give `expect_valid` for `value`."""
    scenario, where, doc = with_value(place, key, value)
    schema_ok = validator.is_valid(doc)
    ours, why = buslab_accepts(doc)
    place = "%s at %s: %s = %s" % (os.path.relpath(scenario, source), where, key, json.dumps(value))
    if schema_ok != expect_valid:
        failures.append("the schema %s %s" % ("refuses" if expect_valid else "accepts", place))
    if ours != schema_ok:
        failures.append("the schema %s but buslab validate %s %s %s" %
                        ("accepts" if schema_ok else "refuses", "accepts" if ours else "refuses", place, why))


def place_for(kind, key, value, candidates=None, variants=False):
    """The first object of `kind` where buslab takes `key` = `value`: cross-field rules (a blocking executor has one
    worker, a direct service no prefetch) refuse some values in some places that the field allows alone."""
    for place in candidates if candidates is not None else instances.get(kind, []):
        if buslab_accepts(with_value(place, key, value, variants)[2])[0]:
            return place
    return None


# Bounded numbers and enums.
for kind, table in sorted(list(defs.items()) + [("", schema)]):
    for key, prop in table.get("properties", {}).items():
        prop = deref(prop) if "type" not in prop else prop
        if prop.get("type") in ("integer", "number"):
            step = 1 if prop["type"] == "integer" else 1e-6
            for bound, beyond in (("minimum", -step), ("exclusiveMinimum", -step), ("maximum", step)):
                if bound not in prop:
                    continue
                value = int(prop[bound]) if prop["type"] == "integer" else prop[bound]
                # The last value in, and the first one out.
                inside, outside = (value + step, value) if bound == "exclusiveMinimum" else (value, value + beyond)
                place = place_for(kind, key, inside)
                if place is None:
                    if instances.get(kind):
                        failures.append("no scenario takes %s.%s = %s, at the schema's %s" % (kind, key, inside, bound))
                    continue
                agree(place, key, inside, True)
                agree(place, key, outside, False)
                checked["bounds"] += 1
        if "enum" in prop:
            taken = [(choice, place_for(kind, key, choice)) for choice in prop["enum"]]
            for choice, place in taken:
                if place is not None:
                    agree(place, key, choice, True)
            places = [place for _, place in taken if place is not None]
            if places:
                agree(places[0], key, "no-such-choice", False)
                checked["enums"] += 1


# Defaults: the stated default, written out, changes nothing.
def run_metrics(doc, name):
    # Runs cut to their first second: what a default changes shows from the start, and the check stays quick.
    doc = copy.deepcopy(doc)
    doc["duration"] = "1s"
    scenario = os.path.join(tmp, name + ".json")
    json.dump(doc, open(scenario, "w"))
    out = os.path.join(tmp, name)
    run = subprocess.run([buslab, "run", scenario, "--out", out, "--no-trace", "--no-timeseries"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip()[:300]
    metrics = []
    for path in sorted(glob.glob(os.path.join(out, "*", "metrics.json"))):
        m = json.load(open(path))
        m.pop("provenance", None)
        metrics.append(m)
    return metrics, ""


baselines = {}
untried = []
quick = [os.path.join(source, "labs", lab, "scenario.json") for lab in QUICK_LABS]
for kind, table in sorted(list(defs.items()) + [("", schema)]):
    for key, prop in table.get("properties", {}).items():
        if "default" not in prop:
            continue
        candidates = [(path, where) for path, where in instances.get(kind, [])
                      if path in quick and key not in at(scenarios[path], where)]
        if not candidates:
            continue  # no quick lab leaves it out
        place = place_for(kind, key, prop["default"], candidates, variants=True)
        what = "%s.%s = %s" % (kind or "scenario", key, json.dumps(prop["default"]))
        if place is None:
            # A field that only applies in a context no quick lab leaves it out of (a closed arrival's
            # `outstanding`, add_replicas' `count`): said, not failed.
            untried.append(what)
            continue
        path, where = place
        if path not in baselines:
            baselines[path] = run_metrics(scenarios[path], "base")
        explicit, why = run_metrics(with_value(place, key, prop["default"], variants=True)[2], "explicit")
        if explicit is None:
            failures.append("buslab cannot run %s with the schema's default %s: %s" % (path, what, why))
        elif explicit != baselines[path][0]:
            failures.append("the schema's default is not buslab's: %s at %s in %s gives another run than leaving it "
                            "out" % (what, where, os.path.relpath(path, source)))
        checked["defaults"] += 1

for f in failures:
    print("FAIL:", f)
if untried:
    print("defaults not tried (no quick lab leaves them out where they apply): " + ", ".join(untried))
if checked["bounds"] < 40 or checked["enums"] < 10 or checked["defaults"] < 60:
    failures.append("fewer fields checked than expected: %s" % checked)
    print("FAIL:", failures[-1])
print("%d bounds, %d enums, %d defaults checked against both validators; %d failures" %
      (checked["bounds"], checked["enums"], checked["defaults"], len(failures)))
sys.exit(1 if failures else 0)
