"""Helpers shared by every benchmark family: statistics, CPU clocks, payloads, result files.

Every benchmark module runs as its own process (python3 -m harness.bench_<family> --config FILE --out FILE),
started by harness.driver with a timeout, and writes one JSON object: {"status", "method", "params", "results"}.
"""
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- statistics


def quantile(values, q):
    """Linear-interpolation quantile (numpy's default, 'type 7'); values need not be sorted."""
    xs = sorted(values)
    if not xs:
        return None
    pos = (len(xs) - 1) * q
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def describe(values):
    """median, p10, p90, q1, q3, mean, cv (sample std / mean), n of a list of numbers (None when empty)."""
    xs = [v for v in values if v is not None]
    if not xs:
        return None
    n = len(xs)
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / (n - 1) if n > 1 else 0.0
    cv = math.sqrt(var) / mean if mean else 0.0
    return {
        "median": quantile(xs, 0.5),
        "p10": quantile(xs, 0.1),
        "p90": quantile(xs, 0.9),
        "q1": quantile(xs, 0.25),
        "q3": quantile(xs, 0.75),
        "mean": mean,
        "cv": cv,
        "n": n,
    }


def summarize_rounds(rounds):
    """describe() of every numeric key that the rounds share (booleans and strings are left out)."""
    keys = sorted({k for r in rounds for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)})
    return {k: describe([r.get(k) for r in rounds]) for k in keys}


def latency_percentiles(samples):
    """p50/p90/p99/max/mean of per-message latencies (seconds)."""
    if not samples:
        return {}
    return {
        "latency_p50_s": quantile(samples, 0.5),
        "latency_p90_s": quantile(samples, 0.9),
        "latency_p99_s": quantile(samples, 0.99),
        "latency_max_s": max(samples),
        "latency_mean_s": sum(samples) / len(samples),
    }


# ---------------------------------------------------------------- CPU clocks


def task_cpu_ns(pid, tid):
    """CPU time (ns) one thread has run, from schedstat; falls back to stat ticks."""
    try:
        with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/task/{tid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // CLK_TCK
    except (OSError, ValueError, IndexError):
        return 0


def threads_cpu_ns(pid):
    """{tid: CPU ns} for every live thread of a process."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        out[int(tid)] = task_cpu_ns(pid, tid)
    return out


def process_cpu_s(pid):
    """CPU seconds of a whole process (sum over its live threads, ns precision)."""
    return sum(threads_cpu_ns(pid).values()) / 1e9


def process_stat_cpu_s(pid):
    """CPU seconds from /proc/<pid>/stat utime+stime (tick precision, counts exited threads too)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class CpuMeter:
    """CPU seconds used by a set of processes (by pid) between start() and stop()."""

    def __init__(self, pids):
        self.pids = dict(pids)  # label -> pid
        self.before = {}

    def start(self):
        self.t0 = time.perf_counter()
        self.before = {k: process_cpu_s(p) for k, p in self.pids.items() if p}
        return self

    def stop(self):
        wall = time.perf_counter() - self.t0
        out = {k: process_cpu_s(p) - self.before[k] for k, p in self.pids.items() if p}
        out["wall"] = wall
        return out


def broker_idle_rate(beam_pid, seconds=1.0):
    """CPU seconds per second the broker uses while nothing is sent (subtracted from per-message figures)."""
    if not beam_pid:
        return 0.0
    c0 = process_cpu_s(beam_pid)
    time.sleep(seconds)
    return (process_cpu_s(beam_pid) - c0) / seconds


# ---------------------------------------------------------------- payloads


def load_nova_lengths(path):
    """The 4,077 message lengths of data/nova-message-lengths.yaml (a plain comma-separated list)."""
    with open(path) as f:
        text = f.read()
    body = text.split("string_lengths:", 1)[1]
    return [int(x) for x in body.replace("\n", " ").split(",") if x.strip().isdigit()]


_WORDS = ["instance", "host", "compute", "flavor", "image", "network", "port", "volume", "state", "task",
          "uuid", "project", "user", "metadata", "availability_zone", "power", "vm", "node", "ram", "disk"]


def make_payload(n_bytes, seed=0):
    """An oslo/nova-like nested dict whose compact JSON encoding is exactly n_bytes long (n_bytes >= 40).

    Realistic content (short keys, strings, ints, booleans, nested dicts and lists) rather than one long string,
    so that per-byte codec costs resemble nova's messages. Values stay XML-RPC-safe (no None, ints < 2**31).
    """
    rng = random.Random(f"payload-{n_bytes}-{seed}")
    d = {"pad": ""}
    i = 0

    def size():
        return len(json.dumps(d, separators=(", ", ": ")))

    while True:
        key = f"{rng.choice(_WORDS)}_{i}"
        kind = i % 5
        if kind == 0:
            val = "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48))
        elif kind == 1:
            val = rng.randrange(0, 2**31 - 1)
        elif kind == 2:
            val = {"name": rng.choice(_WORDS), "id": rng.randrange(1000), "enabled": bool(rng.getrandbits(1))}
        elif kind == 3:
            val = [rng.choice(_WORDS) for _ in range(3)]
        else:
            val = rng.choice([True, False])
        d[key] = val
        if size() > n_bytes:
            del d[key]
            break
        i += 1
    d["pad"] = "p" * max(0, n_bytes - size())
    return d


def json_len(obj):
    return len(json.dumps(obj, separators=(", ", ": ")))


# ---------------------------------------------------------------- processes and I/O


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def spawn(args, **kw):
    """Start a helper process in its own session (so that it and its children can be killed as a group)."""
    return subprocess.Popen(args, start_new_session=True, **kw)


def kill_group(proc, grace=2.0):
    """Stop a helper started with spawn(): SIGTERM to its group, then SIGKILL after `grace` seconds."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def wait_for_line(proc, prefix, timeout):
    """Read a helper's stdout until a line starting with prefix; return the rest of it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                raise RuntimeError(f"helper exited ({proc.returncode}) before saying {prefix!r}")
            continue
        line = line.decode() if isinstance(line, bytes) else line
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    raise TimeoutError(f"helper did not say {prefix!r} within {timeout} s")


class Helper:
    """A helper process (python3 -m harness.<module> ARGS) in its own session, driven by lines on its stdin, each
    answered by one JSON line. `ready` is what its first line says after "ready" (a port, or nothing)."""

    HARNESS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def __init__(self, module, args, ready_timeout):
        self.proc = spawn([sys.executable, "-m", module] + [str(a) for a in args], cwd=self.HARNESS_DIR,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ready = wait_for_line(self.proc, "ready", ready_timeout)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def mark(self):
        return self.ask("mark")

    def stop(self, grace=10):
        """Closes its stdin (it then stops by itself), then kills its group if it is still there."""
        try:
            self.proc.stdin.close()
            self.proc.wait(grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        kill_group(self.proc)


def main_wrapper(run):
    """Entry point of a benchmark module: --config FILE --out FILE; writes {"status": "ok", ...} or the error."""
    import argparse
    import traceback

    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.config) as f:
        cfg = json.load(f)
    t0 = time.perf_counter()
    try:
        result = run(cfg)
        result["status"] = "ok"
        code = 0
    except Exception as e:  # recorded, so that one failing family does not lose the others
        result = {"status": "error", "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}
        code = 1
    result["wall_s"] = time.perf_counter() - t0
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    sys.exit(code)
