"""K concurrent oslo.messaging callers, one process each (forked before any connection exists).

    python3 -m harness.oslo_callers URL TOPIC K PAYLOAD_BYTES

Processes, not threads: buslab's client instances are separate processes, each with its own connections, reply
queue and CPU, and oslo callers in one process would share one reply queue and the GIL, which buslab does not model
(and which nova's API workers, one process each, do not share either). Each child makes its transport, client and
one warm-up call (creating its reply queue), then waits for orders. Prints "ready" when all are. Each stdin line
{"mode": "call"|"cast", "t0": epoch_s, "duration": s} makes every child send back-to-back from t0 for duration
seconds; the answer is one JSON line: messages sent, per-caller counts and CPU seconds (whole process, all its
threads), and pooled latency percentiles. EOF stops the children.
"""
import json
import multiprocessing as mp
import os
import sys
import time

from harness import oslo_env
from harness.common import latency_percentiles, make_payload


def child(conn, url, topic, payload_bytes):
    conf = oslo_env.setup()
    import oslo_messaging as om

    tr = oslo_env.transport(conf, url)
    client = om.get_rpc_client(tr, om.Target(topic=topic), timeout=60)
    payload = make_payload(payload_bytes)
    client.call({}, "work", payload=payload)
    conn.send("ready")
    while True:
        order = conn.recv()
        if order is None:
            break
        send = client.call if order["mode"] == "call" else client.cast
        now = time.time()
        if order["t0"] > now:
            time.sleep(order["t0"] - now)
        end = order["t0"] + order["duration"]
        lat = []
        c0 = time.process_time()
        while time.time() < end:
            t = time.perf_counter()
            send({}, "work", payload=payload)
            lat.append(time.perf_counter() - t)
        conn.send({"n": len(lat), "cpu_s": time.process_time() - c0, "lat": lat})
    tr.cleanup()


def main():
    url, topic, k, payload_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    oslo_env.setup()
    import oslo_messaging  # noqa: F401  imported once here, before forking, so that children start fast

    ctx = mp.get_context("fork")
    pipes, procs = [], []
    for _ in range(k):
        a, b = ctx.Pipe()
        p = ctx.Process(target=child, args=(b, url, topic, payload_bytes), daemon=True)
        p.start()
        pipes.append(a)
        procs.append(p)
    for a in pipes:
        if not a.poll(120):
            raise SystemExit("a caller did not get ready within 120 s")
        a.recv()
    print("ready", flush=True)
    for line in sys.stdin:
        order = json.loads(line)
        for a in pipes:
            a.send(order)
        res = [a.recv() for a in pipes]
        lat = [x for r in res for x in r["lat"]]
        out = {"n": sum(r["n"] for r in res), "per_caller_n": [r["n"] for r in res],
               "client_cpu_s": sum(r["cpu_s"] for r in res), **latency_percentiles(lat)}
        print(json.dumps(out), flush=True)
    for a in pipes:
        a.send(None)
    for p in procs:
        p.join(20)
        if p.is_alive():
            os.kill(p.pid, 9)


if __name__ == "__main__":
    main()
