#!/usr/bin/env python3
"""docs/buslab.schema.json against an independent validator (Debian's python3-jsonschema, draft 2020-12):
every lab and bench scenario passes it, and a sample of bad scenarios fails both it and `buslab validate`.
Usage: check_json_schema.py BUSLAB SOURCE_DIR"""
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
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []

scenarios = sorted(glob.glob(os.path.join(source, "labs", "*", "scenario.json")) +
                   glob.glob(os.path.join(source, "bench", "scenarios", "*.json")))
assert len(scenarios) >= 12, scenarios
for path in scenarios:
    errors = list(validator.iter_errors(json.load(open(path))))
    if errors:
        failures.append("%s: the schema refuses a scenario buslab runs: %s at %s" %
                        (path, errors[0].message, list(errors[0].path)))

lab01 = json.load(open(os.path.join(source, "labs", "01-direct-vs-broker", "scenario.json")))


def mutated(change):
    doc = copy.deepcopy(lab01)
    change(doc)
    return doc


bad = {
    "unknown top-level key": lambda d: d.update({"durration": "10s"}),
    "missing duration": lambda d: d.pop("duration"),
    "time without a unit": lambda d: d.update({"duration": 10}),
    "time with a bad unit": lambda d: d.update({"duration": "10 sec"}),
    "negative seed": lambda d: d.update({"seed": -1}),
    "unknown arrival kind": lambda d: d["clients"][0]["arrival"].update({"kind": "bursty"}),
    "unknown client key": lambda d: d["clients"][0].update({"arival": {}}),
    "replicas zero": lambda d: d["services"][0].update({"replicas": 0}),
    "workers a string": lambda d: d["services"][0]["executor"].update({"workers": "8"}),
    "bad executor kind": lambda d: d["services"][0]["executor"].update({"kind": "forking"}),
    "bad bandwidth": lambda d: d["platform"]["network"].update({"bandwidth": "10GB/s"}),
    "unknown distribution": lambda d: d["services"][0]["methods"]["add"].update(
        {"service_time": {"dist": "gamma", "mean": "8ms"}}),
    "hosts not a list": lambda d: d["platform"].update({"hosts": {"name": "x"}}),
    "name with a slash": lambda d: d.update({"name": "a/b"}),
    "error probability above 1": lambda d: d["services"][0]["methods"]["add"].update({"error_probability": 2}),
}
with tempfile.TemporaryDirectory(prefix="buslab-schema-") as tmp:
    for what, change in bad.items():
        doc = mutated(change)
        if validator.is_valid(doc):
            failures.append("the schema accepts a bad scenario: " + what)
        path = os.path.join(tmp, "bad.json")
        json.dump(doc, open(path, "w"))
        run = subprocess.run([buslab, "validate", path], capture_output=True, text=True)
        if run.returncode != 2:
            failures.append("buslab validate accepts a bad scenario (%s): exit %d" % (what, run.returncode))
    # An editor's "$schema" key is part of the format: both accept it.
    doc = mutated(lambda d: d.update({"$schema": "../../docs/buslab.schema.json"}))
    if not validator.is_valid(doc):
        failures.append("the schema refuses $schema")
    path = os.path.join(tmp, "with-schema.json")
    json.dump(doc, open(path, "w"))
    run = subprocess.run([buslab, "validate", path], capture_output=True, text=True)
    if run.returncode != 0:
        failures.append("buslab validate refuses $schema: " + run.stdout + run.stderr)

for f in failures:
    print("FAIL:", f)
print("%d scenarios valid, %d bad ones refused by both validators, %d failures" %
      (len(scenarios), len(bad), len(failures)))
sys.exit(1 if failures else 0)
