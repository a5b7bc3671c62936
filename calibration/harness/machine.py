"""What the figures were measured on: CPU, kernel, load, package versions, and CPU used by other people."""
import os
import platform
import re
import subprocess
import sys

NOTABLE_FLAGS = ("avx", "avx2", "avx512f", "aes", "sha_ni", "sse4_2", "constant_tsc", "nonstop_tsc", "hypervisor",
                 "rdtscp", "ht")
PACKAGES = ("rabbitmq-server", "erlang-base", "python3-oslo.messaging", "python3-oslo.config", "python3-kombu",
            "python3-amqp", "python3-futurist", "python3-msgpack", "python3-zmq", "python3-zerorpc", "python3")


def cpu_info():
    with open("/proc/cpuinfo") as f:
        text = f.read()
    first = text.split("\n\n")[0]
    fields = dict((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in first.splitlines()))
    flags = fields.get("flags", "").split()
    mhz = [float(m) for m in re.findall(r"^cpu MHz\s*:\s*([\d.]+)", text, re.M)]
    return {
        "model_name": fields.get("model name"),
        "vendor": fields.get("vendor_id"),
        "family": fields.get("cpu family"),
        "model": fields.get("model"),
        "stepping": fields.get("stepping"),
        "logical_cpus": text.count("processor\t:"),
        "online_cpus": os.cpu_count(),
        "mhz": sum(mhz) / len(mhz) if mhz else None,
        "cache": fields.get("cache size"),
        "flags_count": len(flags),
        "flags_notable": [f for f in NOTABLE_FLAGS if f in flags],
        "virtualized": "hypervisor" in flags,
    }


def cpu_short_name(cpu):
    """A short, stable name for profile files: first model word that is not the vendor + MHz to 100 MHz."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", cpu.get("model_name") or "cpu") if w]
    skip = {"amd", "intel", "r", "tm", "c", "cpu", "processor", "core"}
    name = next((w.lower() for w in words if w.lower() not in skip), "cpu")
    mhz = cpu.get("mhz")
    return f"{name}{int(round(mhz / 100.0) * 100)}" if mhz else name


def packages():
    out = {}
    for p in PACKAGES:
        try:
            v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", p], capture_output=True, text=True, timeout=10)
            out[p] = v.stdout.strip() if v.returncode == 0 and v.stdout.strip() else None
        except (OSError, subprocess.TimeoutExpired):
            out[p] = None
    out["python_runtime"] = platform.python_version()
    out["python_executable"] = sys.executable
    return out


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def meminfo_total_kb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    return None


def machine():
    u = os.uname()
    return {"cpu": cpu_info(), "kernel": f"{u.sysname} {u.release} {u.version}", "arch": u.machine,
            "mem_total_kb": meminfo_total_kb(), "clk_tck": os.sysconf("SC_CLK_TCK")}


# ------------------------------------------------------------ CPU used by processes that are not ours


def _busy_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: busy = all but idle and iowait (steal counted apart)
    busy = v[0] + v[1] + v[2] + v[5] + v[6]
    steal = v[7] if len(v) > 7 else 0
    return busy, steal


def _proc_table():
    table = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                rest = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(d)] = (int(rest[1]), sum(int(x) for x in rest[11:15]))  # ppid, utime+stime+cutime+cstime
    return table


def _ours(root, table):
    kids = {}
    for pid, (ppid, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    total, stack = 0, [root]
    while stack:
        p = stack.pop()
        if p in table:
            total += table[p][1]
        stack.extend(kids.get(p, []))
    return total


class ForeignCpu:
    """CPU (in cores) used by processes outside the harness's own tree (the run script and all it started)."""

    def __init__(self, root_pid):
        self.root = root_pid
        self.ncpu = os.cpu_count() or 1
        self.tck = os.sysconf("SC_CLK_TCK")

    def snap(self):
        import time

        busy, steal = _busy_ticks()
        return {"t": time.monotonic(), "busy": busy, "steal": steal, "ours": _ours(self.root, _proc_table())}

    def between(self, a, b):
        dt = b["t"] - a["t"]
        if dt <= 0:
            return {}
        foreign = max(0, (b["busy"] - a["busy"]) - (b["ours"] - a["ours"]))
        return {"seconds": dt, "foreign_cpu_cores": foreign / self.tck / dt,
                "own_cpu_cores": (b["ours"] - a["ours"]) / self.tck / dt,
                "steal_cores": (b["steal"] - a["steal"]) / self.tck / dt, "cpus": self.ncpu}
