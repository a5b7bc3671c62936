"""An oslo.messaging RPC server process for the benchmarks (as the examples' server of docs/origins.md section 4: topic, server name, endpoint).

    python3 -m harness.oslo_server URL TOPIC SERVER

Runs the `threading` executor (oslo 14.0.3's default; `blocking` is refused). Its endpoint `work(ctx, payload,
reply_bytes=256, spin_s=0)` optionally burns spin_s of CPU on the worker thread, counts the request and returns a
payload of reply_bytes. Prints "ready" once listening. A line "count" on stdin is answered with the number of
requests handled so far (cheap, for polling); a line "mark" with one JSON line:
requests handled so far, the CPU (ns, from schedstat) of each thread, and which threads are the executor's workers
(those that ran `work`), so that the orchestrator can split per-request server CPU into receive (the poll thread
that receives and acknowledges, plus heartbeats) and dispatch + reply (worker threads). The main thread, which only
answers these lines, is left out.
"""
import json
import os
import sys
import threading
import time

from harness import oslo_env
from harness.common import make_payload, threads_cpu_ns


class Work:
    def __init__(self):
        self.handled = 0
        self.lock = threading.Lock()
        self.worker_tids = set()
        self.replies = {}

    def work(self, ctx, payload, reply_bytes=256, spin_s=0.0):
        if spin_s:
            end = time.thread_time() + spin_s
            while time.thread_time() < end:
                pass
        reply = self.replies.get(reply_bytes)
        if reply is None:
            reply = self.replies.setdefault(reply_bytes, make_payload(reply_bytes, seed=1))
        with self.lock:
            self.handled += 1
            self.worker_tids.add(threading.get_native_id())
        return reply


def main():
    url, topic, server = sys.argv[1:4]
    conf = oslo_env.setup()
    import oslo_messaging as om

    tr = oslo_env.transport(conf, url)
    ep = Work()
    srv = om.get_rpc_server(tr, om.Target(topic=topic, server=server), [ep], executor="threading")
    srv.start()
    print("ready", flush=True)
    pid = os.getpid()
    main_tid = threading.get_native_id()
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "count":
            with ep.lock:
                print(json.dumps({"handled": ep.handled, "t": time.time()}), flush=True)
            continue
        if cmd != "mark":
            break
        with ep.lock:
            handled, workers = ep.handled, set(ep.worker_tids)
        # this (main) thread only answers these commands: its CPU is the harness's, not oslo's
        cpu = {t: v for t, v in threads_cpu_ns(pid).items() if t != main_tid}
        print(json.dumps({"handled": handled, "cpu_ns": cpu, "workers": sorted(workers), "t": time.time()}),
              flush=True)
    srv.stop()
    srv.wait()
    tr.cleanup()


if __name__ == "__main__":
    main()
