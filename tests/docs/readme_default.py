#!/usr/bin/env python3
"""The README's first-command output and its calibration paragraph, checked (ctest docs.readme-default).

1. The table under "What the first command prints" is what `buslab run --no-timing` prints today (the README's
   copy keeps the `wall clock` row, which --no-timing leaves out). Refresh it with `build/buslab run`.
2. "What the timings are calibrated against" names the default profile and states the facts of the recording that
   profile was fitted to (date, package versions, CPU): each must be the recording's.

Usage: readme_default.py BUSLAB SOURCE_DIR. Exit 0 when both hold, 1 with what differs.
"""
import json
import os
import re
import subprocess
import sys

DEFAULT_PROFILE = "oslo14-rabbitmq310-epyc2600"  # default_profile_name() (sim/scenario/profile_reader.cpp)


def readme_table(readme):
    start = readme.index("## What the first command prints")
    block = readme[readme.index("```\n", start) + 4:]
    block = block[:block.index("```\n")]
    return [line for line in block.splitlines() if not line.lstrip().startswith("wall clock")]


def calibration_facts(source):
    profile = json.load(open(os.path.join(source, "data", "profiles", DEFAULT_PROFILE + ".json")))
    recording = json.load(open(os.path.join(source, profile["source"]["recording"])))
    packages = recording["packages"]

    def upstream(package):  # "1:25.2.3+dfsg-1+deb12u4" -> "25.2.3"
        return re.sub(r"^\d+:", "", packages[package]).split("-")[0].split("+")[0]

    cpu = recording["machine"]["cpu"]
    return [
        "`" + DEFAULT_PROFILE + "`",
        recording["date_utc"][:10],
        profile["source"]["recording"],
        "oslo.messaging " + upstream("python3-oslo.messaging"),
        "kombu " + upstream("python3-kombu"),
        "py-amqp " + upstream("python3-amqp"),
        "Python " + packages["python_runtime"],
        "RabbitMQ " + upstream("rabbitmq-server"),
        "Erlang/OTP " + upstream("erlang-base").split(".")[0],
        "{} vCPUs".format(cpu["logical_cpus"]) if cpu.get("virtualized") else "{} cores".format(cpu["logical_cpus"]),
        cpu["model_name"],
        "{:.1f} GHz".format(cpu["mhz"] / 1000),
    ]


def main():
    buslab, source = sys.argv[1], sys.argv[2]
    readme = open(os.path.join(source, "README.md"), encoding="utf-8").read()
    problems = []
    run = subprocess.run([buslab, "run", "--no-timing"], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        problems.append("buslab run exited {}: {}".format(run.returncode, run.stderr))
    elif readme_table(readme) != run.stdout.splitlines():
        problems.append("README.md's table is not what `buslab run` prints now; it prints:\n" + run.stdout)
    start = readme.index("### What the timings are calibrated against")
    paragraph = " ".join(readme[start:readme.index("\n## ", start)].split())
    for fact in calibration_facts(source):
        if fact not in paragraph:
            problems.append("the calibration paragraph does not say {!r} (from the recording)".format(fact))
    for problem in problems:
        print("README.md: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
