"""Runs every benchmark family in its own process with its own timeout and assembles data/calibration/<name>.json.

Started by calibration/run, which owns the private RabbitMQ node; see calibration/README.md for the file format.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

from harness import machine as mach

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(HERE)

# Parameters per mode. Families run in this order; each has its own timeout (seconds).
FULL = {
    "codecs": ({"sizes": [64, 256, 1024, 2450, 4096, 6480, 8192, 11292], "rounds": 7, "target_s": 0.05}, 150),
    "amqp": ({"sizes": [256, 2450, 8192], "rounds": 5, "messages": 2000, "fanout_size": 2450,
              "fanout_queues": [1, 2, 4], "idle_s": 1.0}, 240),
    "oslo": ({"warmup": 200, "idle_s": 1.0, "rounds": 5, "messages": 200,
              "sizes": [{"label": "fixed-100", "kind": "fixed", "bytes": 100},
                        {"label": "fixed-1024", "kind": "fixed", "bytes": 1024},
                        {"label": "nova-p50", "kind": "fixed", "bytes": 2450},
                        {"label": "nova-p90", "kind": "fixed", "bytes": 6480},
                        {"label": "fixed-11292", "kind": "fixed", "bytes": 11292},
                        {"label": "nova-mix", "kind": "nova-mix", "seed": 42}],
              "envelope_sizes": [100, 1024, 2450, 6480, 11292],
              "dispatch": {"spin_s": [0.0, 0.001, 0.005], "messages": 100, "rounds": 5, "payload_bytes": 2450},
              "concurrency": {"callers": [1, 4, 16], "duration_s": 3.0, "rounds": 3, "payload_bytes": 2450},
              "fanout": {"servers": [1, 2, 4], "messages": 200, "rounds": 3, "payload_bytes": 2450}}, 480),
    "xmlrpc": ({"sizes": [100, 1024, 2450, 8192], "rounds": 5, "messages": 200, "backlog": 5, "burst_clients": 20,
                "burst_sleep_s": 0.2, "burst_rounds": 2}, 180),
    "jsonrpc": ({"sizes": [100, 1024, 2450, 8192], "rounds": 5, "messages": 200}, 150),
    "zmq": ({"sizes": [100, 1024, 2450, 8192], "rounds": 5, "messages": 500, "echo_sizes": [64, 2450, 8192]}, 90),
}
QUICK = {
    "codecs": ({"sizes": [64, 1024, 2450, 11292], "rounds": 3, "target_s": 0.02}, 60),
    "amqp": ({"sizes": [256, 2450], "rounds": 2, "messages": 300, "fanout_size": 2450, "fanout_queues": [1, 2, 4],
              "idle_s": 0.5}, 90),
    "oslo": ({"warmup": 100, "idle_s": 0.5, "rounds": 2, "messages": 40,
              "sizes": [{"label": "fixed-100", "kind": "fixed", "bytes": 100},
                        {"label": "nova-p50", "kind": "fixed", "bytes": 2450},
                        {"label": "nova-mix", "kind": "nova-mix", "seed": 42}],
              "envelope_sizes": [100, 2450],
              "dispatch": {"spin_s": [0.0, 0.001], "messages": 30, "rounds": 2, "payload_bytes": 2450},
              "concurrency": {"callers": [1, 4, 16], "duration_s": 1.0, "rounds": 1, "payload_bytes": 2450},
              "fanout": {"servers": [1, 2, 4], "messages": 40, "rounds": 1, "payload_bytes": 2450}}, 300),
    "xmlrpc": ({"sizes": [100, 2450], "rounds": 2, "messages": 50, "backlog": 5, "burst_clients": 20,
                "burst_sleep_s": 0.2, "burst_rounds": 1}, 90),
    "jsonrpc": ({"sizes": [100, 2450], "rounds": 2, "messages": 50}, 60),
    "zmq": ({"sizes": [100, 2450], "rounds": 2, "messages": 100, "echo_sizes": [64, 8192]}, 60),
}


def git_commit():
    try:
        r = subprocess.run(["git", "-C", REPO, "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        return r.stdout.strip() or None
    except OSError:
        return None


def run_family(name, params, timeout, tmp):
    cfg_path = os.path.join(tmp, f"{name}.config.json")
    out_path = os.path.join(tmp, f"{name}.result.json")
    with open(cfg_path, "w") as f:
        json.dump(params, f)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", f"harness.bench_{name}", "--config", cfg_path, "--out", out_path],
                            cwd=HERE, start_new_session=True, stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        import signal

        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": "timeout", "error": f"did not finish within {timeout} s", "wall_s": timeout}
    try:
        with open(out_path) as f:
            result = json.load(f)
    except (OSError, ValueError):
        result = {"status": "error", "error": f"no result (exit {proc.returncode})"}
    if result.get("status") != "ok":
        result["stderr_tail"] = err[-3000:]
    result["timeout_s"] = timeout
    result["family_wall_s"] = time.perf_counter() - t0
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["quick", "full"], default="full")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--amqp-port", type=int, required=True)
    ap.add_argument("--beam-pid", type=int, required=True)
    ap.add_argument("--root-pid", type=int, required=True)
    ap.add_argument("--only", default="")
    ap.add_argument("--quiet-wait", default="{}", help="JSON: how the run waited for a quiet machine")
    ap.add_argument("--broker-start-s", type=float, default=None)
    a = ap.parse_args()

    t_start = time.perf_counter()
    plan = FULL if a.mode == "full" else QUICK
    only = [x for x in a.only.split(",") if x]
    url = f"rabbit://guest:guest@127.0.0.1:{a.amqp_port}/"
    common = {"amqp_port": a.amqp_port, "beam_pid": a.beam_pid, "url": url,
              "nova_lengths": os.path.join(REPO, "data", "nova-message-lengths.yaml")}
    foreign = mach.ForeignCpu(a.root_pid)
    load_samples = []
    stop = threading.Event()

    def sample():
        while not stop.wait(5.0):
            load_samples.append({"t_s": round(time.perf_counter() - t_start, 1), "loadavg": mach.loadavg()})

    sampler = threading.Thread(target=sample, daemon=True)
    load_before = mach.loadavg()
    snap0 = foreign.snap()
    sampler.start()
    benchmarks = {}
    with tempfile.TemporaryDirectory(prefix="buslab-calib-") as tmp:
        for name, (params, timeout) in plan.items():
            if only and name not in only:
                continue
            print(f"calibration: {name} (timeout {timeout} s) ...", file=sys.stderr, flush=True)
            s0 = foreign.snap()
            res = run_family(name, {**common, **params}, timeout, tmp)
            res["foreign_cpu"] = foreign.between(s0, foreign.snap())
            res["loadavg_after"] = mach.loadavg()
            benchmarks[name] = res
            print(f"calibration: {name} {res['status']} in {res.get('family_wall_s', 0):.1f} s, other people's CPU "
                  f"{res['foreign_cpu'].get('foreign_cpu_cores', 0):.2f} cores", file=sys.stderr, flush=True)
    stop.set()
    load_after = mach.loadavg()
    whole = foreign.between(snap0, foreign.snap())
    m = mach.machine()
    quiet = json.loads(a.quiet_wait)
    busy = whole.get("foreign_cpu_cores", 0) > 0.25
    record = {
        "format": "buslab-calibration-run",
        "version": 1,
        "name": a.name,
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "harness": {"mode": a.mode, "git_commit": git_commit(), "wall_s": time.perf_counter() - t_start,
                    "broker_start_s": a.broker_start_s, "families": list(benchmarks),
                    "python": sys.executable},
        "machine": m,
        "cpu_short_name": mach.cpu_short_name(m["cpu"]),
        "packages": mach.packages(),
        "zerorpc": "not packaged by Debian 12 (no python3-zerorpc); its stack (pyzmq + msgpack) is measured in "
                   "benchmarks.zmq instead",
        "load": {"loadavg_before": load_before, "loadavg_after": load_after, "samples": load_samples,
                 "loadavg_1min_max": max([s["loadavg"][0] for s in load_samples] + [load_before[0], load_after[0]]),
                 "quiet_wait": quiet, "cpu_during_run": whole, "other_processes_busy": busy,
                 "note": ("other processes used %.2f of %d cores on average during the run: figures include that "
                          "contention" % (whole.get("foreign_cpu_cores", 0), whole.get("cpus", 0))) if busy else
                         "other processes used under a quarter of a core on average during the run"},
        "benchmarks": benchmarks,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(record, f, indent=1, sort_keys=True)
        f.write("\n")
    failed = [k for k, v in benchmarks.items() if v.get("status") != "ok"]
    print(f"calibration: wrote {a.out} in {record['harness']['wall_s']:.0f} s"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""), file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
