#!/usr/bin/env python3
"""Times buslab against the floor (bench_floor, plain SimGrid s4u) and the peer (SimPy), side by side.

For each benchmark shape (bench/scenarios/rr-<shape>.json) and each repetition, every configuration runs once, in
turn (A B C ... A B C ...), so that a drift of the machine's speed hits them all alike. A run is timed by the CPU
time (user + sys) the kernel accounts to the child process and its children (os.wait4), not by the wall clock,
and its peak RSS is the kernel's too. The figures are min / median / max over the repetitions; the ratios are
taken repetition by repetition (each against the same repetition's floor or peer), then summarised.

Steady state: each no-trace configuration also runs the shape for half its duration; the extra calls of the full
run over the half run, divided by their extra CPU time, is the steady-state rate, free of process start-up,
platform building and the lock-stepped first calls of closed-loop clients. "start-up" is the CPU a full run spends
beyond its calls at that rate.

Usage: bench/run.sh [--quick] [--reps N] [--shapes 16x4,1000x100,1000x10000] [--build DIR] [--no-steady]
                    [--json FILE]
bench/README.md explains the programs, the table, and how long a run takes.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = ["16x4", "1000x100", "1000x10000"]
QUICK_SHAPES = ["16x4", "1000x100"]
# buslab's json codec (docs/scenario.md, "Codecs"): wire bytes = payload x 1.0 + 200 B of headers.
JSON_HEADER_BYTES = 200


class BenchError(Exception):
    pass


# --- the scenario's quantities (docs/scenario.md, "Units"), as far as the benchmark scenarios use them ---

TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
SPEED_UNITS = {"f": 1.0, "flops": 1.0, "kf": 1e3, "Kf": 1e3, "Mf": 1e6, "Gf": 1e9, "Tf": 1e12}
BANDWIDTH_UNITS = {"bps": 1 / 8, "kbps": 1e3 / 8, "Mbps": 1e6 / 8, "Gbps": 1e9 / 8, "Tbps": 1e12 / 8, "Bps": 1.0,
                   "kBps": 1e3, "KBps": 1e3, "MBps": 1e6, "GBps": 1e9}


def quantity(text, units, what, where):
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)([A-Za-z]+)", str(text))
    if not m or m.group(2) not in units:
        raise BenchError("%s: expected a %s like %s, found %r" % (where, what, next(iter(units)), text))
    return float(m.group(1)) * units[m.group(2)]


def constant_time(value, where):
    """A time distribution the floor and the peer can take: a constant or an exponential."""
    if isinstance(value, dict):
        if value.get("dist") == "constant":
            return quantity(value["value"], TIME_UNITS, "time", where), "constant"
        if value.get("dist") == "exponential":
            return quantity(value["mean"], TIME_UNITS, "time", where), "exponential"
        raise BenchError("%s: the floor and the peer take a constant or exponential time, found %r" % (where, value))
    return quantity(value, TIME_UNITS, "time", where), "constant"


def size(value, where):
    if isinstance(value, int) and value >= 0:
        return value
    raise BenchError("%s: the floor and the peer take a constant size in bytes, found %r" % (where, value))


def shape_of(path):
    """Reads a benchmark scenario and returns the floor's and the peer's parameters for the same shape."""
    with open(path) as f:
        doc = json.load(f)
    name = os.path.basename(path)
    try:
        (service,) = doc["services"]
        (client,) = doc["clients"]
        (method,) = service["methods"].values()
        hosts = {h["name"]: h for h in doc["platform"]["hosts"]}
        client_hosts = hosts[client["host"]]
        (server_group,) = service["hosts"]
        server_hosts = hosts[server_group]
        broker_host = hosts[doc["brokers"][0]["host"]]
    except (KeyError, ValueError, IndexError) as e:
        raise BenchError("%s: not a benchmark shape (one service, one client group, one method): %s" % (name, e))
    if service.get("codec", "json") != "json":
        raise BenchError("%s: services[0].codec: the floor's message sizes assume json" % name)
    if client["arrival"] != {"kind": "closed", "outstanding": 1}:
        raise BenchError("%s: clients[0].arrival: the floor runs closed loops with one call outstanding" % name)
    speed = quantity(server_hosts.get("speed", "1Gf"), SPEED_UNITS, "CPU speed", name + ": platform.hosts[].speed")
    network = doc["platform"].get("network", {})
    service_time, dist = constant_time(method["service_time"], name + ": services[0].methods.*.service_time")
    duration = quantity(doc["duration"], TIME_UNITS, "time", name + ": duration")
    return {
        "clients": client.get("count", 1),
        "servers": service.get("replicas", 1),
        "workers": service.get("executor", {}).get("workers", 64),
        "duration": duration,
        "client-hosts": client_hosts.get("count", 1),
        "client-cores": client_hosts.get("cores", 1),
        "server-hosts": server_hosts.get("count", 1),
        "server-cores": server_hosts.get("cores", 1),
        "broker-cores": broker_host.get("cores", 1),
        "speed": speed,
        "service-time": service_time,
        "service-dist": dist,
        "request-bytes": size(client.get("payload", 1024), name + ": clients[0].payload") + JSON_HEADER_BYTES,
        "reply-bytes": size(method.get("reply_bytes", 256), name + ": reply_bytes") + JSON_HEADER_BYTES,
        "latency": quantity(network.get("latency", "50us"), TIME_UNITS, "time", name + ": platform.network.latency"),
        "bandwidth": quantity(network.get("bandwidth", "10Gbps"), BANDWIDTH_UNITS, "bandwidth",
                              name + ": platform.network.bandwidth"),
    }


# --- configurations: one command each; a run returns its calls ---


class Config:
    def __init__(self, program, mode, trace, steady, command, calls_from):
        self.program, self.mode, self.trace, self.steady = program, mode, trace, steady
        self.command = command  # (duration, out_dir) -> argv
        self.calls_from = calls_from  # (stdout, out_dir) -> calls

    @property
    def label(self):
        trace = {True: "trace", False: "no trace", None: ""}[self.trace]
        return " ".join(p for p in (self.program, self.mode, trace) if p)


def buslab_calls(_stdout, out_dir):
    # `--out DIR` writes DIR/<variant>/metrics.json; a bench run names one variant.
    (run,) = [d for d in os.listdir(out_dir) if os.path.isfile(os.path.join(out_dir, d, "metrics.json"))]
    with open(os.path.join(out_dir, run, "metrics.json")) as f:
        metrics = json.load(f)
    return sum(m["completed"] for c in metrics["clients"] for m in c["methods"].values())


def printed_calls(stdout, _out_dir):
    m = re.search(r"^calls (\d+)$", stdout, re.M)
    if not m:
        raise BenchError("no 'calls N' line in the output:\n" + stdout)
    return int(m.group(1))


def simpy_python():
    """An interpreter that has SimPy 2 (Debian's python3-simpy installs it for /usr/bin/python3), or None."""
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and os.path.exists(python):
            ok = subprocess.run([python, "-c", "import SimPy.Simulation"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode == 0
            if ok:
                return python
    return None


def configs_for(scenario, shape, buslab, floor, python, has_queueing_engine):
    def buslab_command(variant, trace, extra=()):
        def command(duration, out_dir):
            argv = [buslab, "run", scenario, "--variant", variant, "--out", out_dir, "--no-timing"]
            # "no trace": metrics.json only, as a sweep writes it; "trace": every output (trace and time series).
            argv += [] if trace else ["--no-trace", "--no-timeseries"]
            argv += ["--set", "duration=%.9gs" % duration]
            return argv + list(extra)
        return command

    # The floor and the peer start their clients spread over one service time (seeded): with no CPU anywhere but
    # the service, nothing else would ever break the lock-step of their closed-loop clients (bench/README.md).
    stagger = shape["service-time"]

    def params(keys):
        pairs = [("--" + k, "%.12g" % v if isinstance(v, float) else str(v)) for k, v in shape.items() if k in keys]
        return [x for pair in pairs for x in pair] + ["--stagger", "%.12g" % stagger]

    def program_command(argv0, mode, keys):
        def command(duration, _out_dir):
            return argv0 + ["--mode", mode, "--duration", "%.9g" % duration] + params(keys)
        return command

    floor_keys = [k for k in shape if k != "duration"]
    # The peer has no platform: no hosts, cores or CPU speed, only hops and service times.
    peer_keys = ["clients", "servers", "workers", "service-time", "service-dist", "request-bytes", "reply-bytes",
                 "latency", "bandwidth"]

    configs = []
    for mode in ("brokered", "direct"):
        configs.append(Config("buslab", mode, False, True, buslab_command(mode, False), buslab_calls))
        configs.append(Config("buslab", mode, True, False, buslab_command(mode, True), buslab_calls))
        if has_queueing_engine:
            configs.append(Config("buslab queueing", mode, False, True,
                                  buslab_command(mode, False, ["--engine", "queueing"]), buslab_calls))
        configs.append(Config("floor", mode, None, True, program_command([floor], mode, floor_keys), printed_calls))
        if python:
            peer = [python, "-B", os.path.join(ROOT, "bench", "peer", "peer.py")]
            configs.append(Config("SimPy peer", mode, None, True, program_command(peer, mode, peer_keys), printed_calls))
    return configs


def interrupt(_signum, _frame):
    raise KeyboardInterrupt()


def run_once(argv):
    """Runs argv; returns (stdout, cpu seconds of it and its children, peak RSS in MB, wall seconds)."""
    out = tempfile.TemporaryFile(mode="w+")
    start = time.monotonic()
    # Its own process group: buslab forks a process per variant, and an interrupted run is killed whole.
    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGKILL)  # the run in progress is not counted
        proc.wait()
        raise
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    text = out.read()
    if proc.returncode != 0:
        raise BenchError("%s exited with %d:\n%s" % (" ".join(argv), proc.returncode, text[-2000:]))
    return text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, wall


# --- summaries ---


def spread(values, fmt):
    if not values:
        return "-"
    if len(values) == 1:
        return fmt % values[0]
    return (fmt + " / " + fmt + " / " + fmt) % (min(values), statistics.median(values), max(values))


def git_describe():
    try:
        return subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description="Times buslab, the SimGrid floor and the SimPy peer side by side.")
    parser.add_argument("--quick", action="store_true", help="only the two small shapes, one repetition")
    parser.add_argument("--reps", type=int, default=None, help="repetitions (default 3; 1 with --quick)")
    parser.add_argument("--shapes", default=None,
                        help="comma-separated shapes, from bench/scenarios/rr-<shape>.json (default: %s)"
                        % ",".join(SHAPES))
    parser.add_argument("--build", default=os.path.join(ROOT, "build"), help="build directory (default: build)")
    parser.add_argument("--no-steady", action="store_true", help="skip the half-duration runs (no steady state)")
    parser.add_argument("--json", help="also write every run's figures to this file")
    parser.add_argument("--programs", default=None,
                        help="comma-separated programs to time, of: buslab, buslab queueing, floor, SimPy peer "
                        "(default: all; a ratio whose reference is left out is left blank)")
    args = parser.parse_args()
    known = ("buslab", "buslab queueing", "floor", "SimPy peer")
    programs = [p.strip() for p in args.programs.split(",")] if args.programs else list(known)
    for p in programs:
        if p not in known:
            parser.error("--programs: expected some of %s, found %r" % (", ".join(known), p))
    reps = args.reps if args.reps is not None else (1 if args.quick else 3)
    if reps < 1:
        parser.error("--reps: expected an integer >= 1, found %d" % reps)
    shapes = args.shapes.split(",") if args.shapes else (QUICK_SHAPES if args.quick else SHAPES)

    buslab = os.path.join(args.build, "buslab")
    floor = os.path.join(args.build, "bench", "bench_floor")
    for binary in (buslab, floor):
        if not os.access(binary, os.X_OK):
            raise BenchError("%s not found: build first (cmake --build %s)" % (binary, args.build))
    python = simpy_python()
    help_text = subprocess.run([buslab, "run", "--help"], capture_output=True, text=True).stdout
    has_queueing_engine = "--engine" in help_text

    plan = []  # (shape name, scenario, shape parameters, configs)
    for name in shapes:
        scenario = os.path.join(ROOT, "bench", "scenarios", "rr-%s.json" % name)
        if not os.path.exists(scenario):
            raise BenchError("no scenario for shape %s (%s)" % (name, scenario))
        shape = shape_of(scenario)
        configs = configs_for(scenario, shape, buslab, floor, python, has_queueing_engine)
        plan.append((name, scenario, shape, [c for c in configs if c.program in programs]))

    load_before = os.getloadavg()
    wall_start = time.monotonic()
    print("bench: %s, %d repetition(s), shapes %s; %s; load average before %.2f %.2f %.2f"
          % (git_describe(), reps, ", ".join(shapes), "SimPy peer: " + python if python
             else "SimPy peer skipped (apt-get install python3-simpy)", *load_before), flush=True)

    # results[(shape, label, "full"|"half")] = list of (calls, cpu, rss, wall), one per repetition
    results = {}
    # Interrupted (Ctrl-C, or SIGTERM), the bench summarises the runs that finished: figures are paired by
    # repetition, so a repetition cut short only leaves out its missing runs.
    signal.signal(signal.SIGTERM, interrupt)
    interrupted = False
    try:
        run_all(plan, reps, args.no_steady, results)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: the figures below cover the runs that finished", flush=True)
    load_after = os.getloadavg()
    elapsed = time.monotonic() - wall_start
    summarise(plan, results, reps, interrupted, load_before, load_after, elapsed, args.json)
    return 130 if interrupted else 0


def run_all(plan, reps, no_steady, results):
    for rep in range(reps):
        for name, scenario, shape, configs in plan:
            runs = [(c, "full") for c in configs]
            if not no_steady:
                runs += [(c, "half") for c in configs if c.steady]
            for config, length in runs:
                duration = shape["duration"] if length == "full" else shape["duration"] / 2
                out_dir = tempfile.mkdtemp(prefix="buslab-bench-")
                try:
                    stdout, cpu, rss, wall = run_once(config.command(duration, out_dir))
                    calls = config.calls_from(stdout, out_dir)
                finally:
                    shutil.rmtree(out_dir, ignore_errors=True)
                results.setdefault((name, config.label, length), []).append((calls, cpu, rss, wall))
                print("  rep %d %-10s %-26s %-4s %9d calls %8.2f s CPU %7.0f MB %8.2f s wall"
                      % (rep + 1, name, config.label, length, calls, cpu, rss, wall), flush=True)


def summarise(plan, results, reps, interrupted, load_before, load_after, elapsed, json_path):
    rows = shape_rows(plan, results)
    today = datetime.date.today().isoformat()
    print_markdown(rows, results, reps, interrupted, load_before, load_after, elapsed, today)
    if json_path:
        with open(json_path, "w") as f:
            json.dump({"date": today, "commit": git_describe(), "reps": reps, "load_before": load_before,
                       "load_after": load_after, "wall_s": elapsed, "rows": rows,
                       "runs": [{"shape": k[0], "config": k[1], "length": k[2],
                                 "runs": [dict(zip(("calls", "cpu_s", "rss_mb", "wall_s"), r)) for r in v]}
                                for k, v in results.items()]}, f, indent=1)


def per_call(runs):
    return [cpu / calls for calls, cpu, _, _ in runs]


def ratio(a, b):
    return [x / y for x, y in zip(a, b) if y > 0]


def shape_rows(plan, results):
    """Prints each shape's figures, run by run, and returns one row of medians per program and shape."""
    def figures(name, label, length="full"):
        return results.get((name, label, length), [])

    def steady_rates(name, label):
        """Calls per CPU second of the extra calls of the full runs over the half runs, repetition by repetition."""
        rates = []
        for (c1, t1, _, _), (c2, t2, _, _) in zip(figures(name, label, "half"), figures(name, label)):
            if c2 > c1 and t2 > t1:
                rates.append((c2 - c1) / (t2 - t1))
        return rates

    rows = []
    print()
    for name, scenario, shape, configs in plan:
        print("%s (%s): %d clients, %d servers, %.4g s" % (name, os.path.relpath(scenario, ROOT), shape["clients"],
                                                          shape["servers"], shape["duration"]))
        for config in configs:
            runs = figures(name, config.label)
            if not runs:
                continue
            floor_runs = figures(name, "floor " + config.mode)
            peer_runs = figures(name, "SimPy peer " + config.mode)
            calls = [r[0] for r in runs]
            cpu = [r[1] for r in runs]
            rss = [r[2] for r in runs]
            rate = [r[0] / r[1] for r in runs if r[1] > 0]
            vs_floor = ratio(per_call(runs), per_call(floor_runs))
            vs_peer = ratio(rate, [r[0] / r[1] for r in peer_runs if r[1] > 0])
            steady = steady_rates(name, config.label) if config.steady else []
            steady_floor = steady_rates(name, "floor " + config.mode)
            steady_vs_floor = ratio(steady_floor, steady)  # cost per steady call over the floor's
            startup = [t - c / s for (c, t, _, _), s in zip(runs, steady)] if steady else []
            print("  %-26s calls %s | CPU s %s | calls/CPU s %s | peak MB %s | x floor %s | speed x SimPy %s"
                  % (config.label, spread(calls, "%d"), spread(cpu, "%.2f"), spread(rate, "%.0f"),
                     spread(rss, "%.0f"), spread(vs_floor, "%.2f"), spread(vs_peer, "%.2f")))
            if steady:
                print("  %-26s steady-state calls/CPU s %s | steady-state x floor %s | warm-up CPU s %s"
                      % ("", spread(steady, "%.0f"), spread(steady_vs_floor, "%.2f"), spread(startup, "%.2f")))
            med = statistics.median
            rows.append({
                "shape": name, "label": config.label, "calls": med(calls), "cpu": med(cpu), "rate": med(rate),
                "rss": max(rss), "vs_floor": med(vs_floor) if vs_floor else None,
                "vs_peer": med(vs_peer) if vs_peer else None, "steady": med(steady) if steady else None,
                "steady_vs_floor": med(steady_vs_floor) if steady_vs_floor else None,
                "startup": med(startup) if startup else None,
            })
            if config.program != "buslab" and calls:
                same = figures(name, "buslab %s no trace" % config.mode)
                if same and abs(med(calls) / med([r[0] for r in same]) - 1) > 0.10:
                    print("  warning: %s completes %d calls, buslab %d: not the same shape any more?"
                          % (config.label, med(calls), med([r[0] for r in same])))
        print()
    return rows


def print_markdown(rows, results, reps, interrupted, load_before, load_after, elapsed, today):
    """The rows as the Markdown table of bench/README.md, under a line saying when, where and how loaded."""
    done = max((len(v) for v in results.values()), default=0)
    print("Markdown (%s, commit %s, %d repetition(s)%s interleaved, medians; %s, %d cores; load average %.2f before, "
          "%.2f after; %.0f s of wall time):\n"
          % (today, git_describe(), done, " of %d (interrupted)" % reps if interrupted else "", cpu_model(),
             os.cpu_count() or 0, load_before[0], load_after[0], elapsed))

    def cell(value, fmt):
        return "" if value is None else fmt.format(value)

    print("| shape | program | calls | CPU s | calls per CPU s | peak RSS | cost per call x floor | calls/CPU s x SimPy "
          "| steady-state calls per CPU s | steady-state x floor | warm-up CPU s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| %s | %s | %s | %s | %s | %s MB | %s | %s | %s | %s | %s |" % (
            row["shape"], row["label"], "{:,.0f}".format(row["calls"]), "{:.2f}".format(row["cpu"]),
            "{:,.0f}".format(row["rate"]), "{:,.0f}".format(row["rss"]), cell(row["vs_floor"], "{:.2f}"),
            cell(row["vs_peer"], "{:.2f}"), cell(row["steady"], "{:,.0f}"), cell(row["steady_vs_floor"], "{:.2f}"),
            cell(row["startup"], "{:.2f}")))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print("bench: " + str(e), file=sys.stderr)
        sys.exit(2)
