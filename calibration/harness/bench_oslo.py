"""oslo.messaging 14 RPC over the private RabbitMQ: call and cast latency, rate and CPU per message.

Processes: one RPC server (harness.oslo_server, topic "calib", server "server1", threading executor), this
orchestrator as the sequential client, harness.oslo_callers for concurrent callers, and up to four servers on topic
"calib_fan" for fanout. Per message, in every window: client CPU (split into the calling thread and the others:
reply waiter, heartbeats), server CPU (split into worker threads: dispatch + endpoint + reply, and the others: poll
thread receiving and acknowledging), broker CPU (beam.smp minus its idle rate).

  sequential      for each payload size: `messages` calls one after another, then as many casts (a cast returns
                  once publisher-confirmed); the window of casts ends when the server has handled them all
  dispatch        calls whose endpoint burns spin_s of CPU (checks that the worker-thread split sees it)
  concurrency     K caller processes (1, 4, 16) calling (or casting) back-to-back for duration_s, nova-median
                  payload; rate = messages / duration; casts' server drain time recorded
  fanout          fanout casts to N servers (1, 2, 4); time until every server has handled every cast
  envelope        wire size of an oslo request: a queue bound to the control exchange catches real casts
Sizes: fixed ones, nova quantiles (p50, p90), and "nova-mix": each message's payload size drawn (seeded) from
data/nova-message-lengths.yaml. Payload bytes are the compact-JSON size of the `payload` argument.
"""
import json
import os
import random
import threading
import time

from harness import oslo_env
from harness.common import (Helper, broker_idle_rate, json_len, latency_percentiles, load_nova_lengths, main_wrapper,
                            make_payload, process_cpu_s, summarize_rounds, threads_cpu_ns)


class Server(Helper):
    """An oslo_server helper process (harness.oslo_server)."""

    def __init__(self, url, topic, name):
        super().__init__("harness.oslo_server", [url, topic, name], 60)

    def count(self):
        return self.ask("count")

    def wait_handled(self, count, timeout=120):
        """Polls the (cheap) count until the server has handled `count` requests, then takes a full mark."""
        deadline = time.monotonic() + timeout
        while True:
            c = self.count()
            if c["handled"] >= count:
                m = self.mark()
                m["t"] = c["t"]  # when the count was reached
                return m
            if time.monotonic() > deadline:
                raise TimeoutError(f"server handled {c['handled']} of {count} within {timeout} s")
            time.sleep(0.005)


def server_split(m0, m1):
    """CPU seconds of the worker threads and of the other threads between two marks."""
    workers = set(m1["workers"])
    w = o = 0
    for tid, ns in m1["cpu_ns"].items():
        d = ns - m0["cpu_ns"].get(tid, 0)
        if int(tid) in workers:
            w += d
        else:
            o += d
    return w / 1e9, o / 1e9


class ClientCpu:
    """CPU of this process, split into the calling (main) thread and the others."""

    def __init__(self):
        self.pid, self.tid = os.getpid(), threading.get_native_id()

    def snap(self):
        return threads_cpu_ns(self.pid)

    def split(self, a, b):
        caller = (b.get(self.tid, 0) - a.get(self.tid, 0)) / 1e9
        other = sum(v - a.get(t, 0) for t, v in b.items() if t != self.tid) / 1e9
        return caller, other


def payload_source(spec, lengths):
    """A function giving the payload of the i-th message of a size spec."""
    if spec["kind"] == "fixed":
        p = make_payload(spec["bytes"])
        return lambda i: p
    rng = random.Random(spec.get("seed", 42))
    draws = [rng.choice(lengths) for _ in range(100_000)]
    cache = {}

    def get(i):
        n = draws[i % len(draws)]
        if n not in cache:
            cache[n] = make_payload(n)
        return cache[n]

    return get


def measure_window(cfg, idle, server, ccpu, send, payload_of, n, drain, first=0):
    """Send n messages one after another; per-message figures for the window (casts: until all handled).
    Payloads are built before the window opens."""
    payloads = [payload_of(first + i) for i in range(n)]
    mean_bytes = sum(json_len(p) for p in payloads) / n
    m0 = server.mark()
    c0 = ccpu.snap()
    b0 = process_cpu_s(cfg["beam_pid"])
    lat = []
    w0 = time.perf_counter()
    for p in payloads:
        t = time.perf_counter()
        send(p)
        lat.append(time.perf_counter() - t)
    send_wall = time.perf_counter() - w0
    c1 = ccpu.snap()  # the client's window is its sending; waiting for the server to drain is the harness's
    m1 = server.wait_handled(m0["handled"] + n) if drain else server.mark()
    wall = time.perf_counter() - w0
    broker = process_cpu_s(cfg["beam_pid"]) - b0 - idle * wall
    caller, cother = ccpu.split(c0, c1)
    sw, so = server_split(m0, m1)
    return {"n": n, "payload_bytes_mean": mean_bytes, "send_wall_s": send_wall, "wall_s": wall,
            "rate_per_s": n / send_wall,
            "drain_s": wall - send_wall, **latency_percentiles(lat),
            "client_caller_cpu_s_per_msg": caller / n, "client_other_cpu_s_per_msg": cother / n,
            "client_cpu_s_per_msg": (caller + cother) / n,
            "server_worker_cpu_s_per_msg": sw / n, "server_other_cpu_s_per_msg": so / n,
            "server_cpu_s_per_msg": (sw + so) / n, "broker_cpu_s_per_msg": broker / n}


def envelope_probe(cfg, client_for, sizes):
    """Body length of real oslo casts, caught by a queue bound to the control exchange."""
    import amqp

    topic = f"calib_probe_{os.getpid()}"
    client = client_for(topic)
    client.cast({}, "work", payload=make_payload(100))  # declares the exchange (the message itself is dropped)
    conn = amqp.Connection(host=f"127.0.0.1:{cfg['amqp_port']}", userid="guest", password="guest")
    conn.connect()
    ch = conn.channel()
    q = f"calib.probe.{os.getpid()}"
    ch.queue_declare(queue=q, auto_delete=False, arguments={"x-expires": 60_000})
    ch.queue_bind(q, "openstack", topic)
    out = []
    for size in sizes:
        client.cast({}, "work", payload=make_payload(size))
        msg = None
        for _ in range(2000):
            msg = ch.basic_get(q, no_ack=True)
            if msg is not None:
                break
            time.sleep(0.005)
        out.append({"payload_bytes": size, "body_bytes": len(msg.body) if msg else None,
                    "content_type": msg.properties.get("content_type") if msg else None})
    ch.queue_delete(q)
    conn.close()
    return out


def run_concurrency(cfg, idle, server, url):
    cc = cfg["concurrency"]
    results = []
    for k in cc["callers"]:
        helper = Helper("harness.oslo_callers", [url, "calib", k, cc["payload_bytes"]], 180)
        try:
            for mode in ("call", "cast"):
                rounds = []
                for _ in range(cc["rounds"]):
                    t0 = time.time() + 0.3
                    m0 = server.mark()
                    b0 = process_cpu_s(cfg["beam_pid"])
                    w0 = time.perf_counter()
                    res = helper.ask(json.dumps({"mode": mode, "t0": t0, "duration": cc["duration_s"]}))
                    m_end = server.count()
                    m1 = server.wait_handled(m0["handled"] + res["n"])
                    wall = time.perf_counter() - w0
                    broker = process_cpu_s(cfg["beam_pid"]) - b0 - idle * wall
                    sw, so = server_split(m0, m1)
                    n = res["n"]
                    rounds.append({**{k2: v for k2, v in res.items() if k2 != "per_caller_n"},
                                   "rate_per_s": n / cc["duration_s"],
                                   "server_rate_in_window_per_s": (m_end["handled"] - m0["handled"]) / cc["duration_s"],
                                   "drain_after_window_s": m1["t"] - m_end["t"],
                                   "per_caller_n_min": min(res["per_caller_n"]),
                                   "per_caller_n_max": max(res["per_caller_n"]),
                                   "client_cpu_s_per_msg": res["client_cpu_s"] / n,
                                   "server_worker_cpu_s_per_msg": sw / n, "server_other_cpu_s_per_msg": so / n,
                                   "server_cpu_s_per_msg": (sw + so) / n, "broker_cpu_s_per_msg": broker / n})
                results.append({"callers": k, "mode": mode, "payload_bytes": cc["payload_bytes"], "rounds": rounds,
                                "summary": summarize_rounds(rounds)})
        finally:
            helper.stop(30)
    return results


def run_fanout(cfg, idle, url, client_for):
    fc = cfg["fanout"]
    topic = f"calib_fan_{os.getpid()}"
    servers = []
    results = []
    client = client_for(topic).prepare(fanout=True)
    payload = make_payload(fc["payload_bytes"])
    try:
        for n_srv in fc["servers"]:
            while len(servers) < n_srv:
                servers.append(Server(url, topic, f"fan{len(servers) + 1}"))
            time.sleep(0.5)  # their fanout queues are bound
            rounds = []
            for _ in range(fc["rounds"]):
                marks0 = [s.mark() for s in servers]
                b0 = process_cpu_s(cfg["beam_pid"])
                c0 = time.process_time()
                lat = []
                w0 = time.perf_counter()
                for _ in range(fc["messages"]):
                    t = time.perf_counter()
                    client.cast({}, "work", payload=payload)
                    lat.append(time.perf_counter() - t)
                send_wall = time.perf_counter() - w0
                client_cpu = time.process_time() - c0
                marks1 = [s.wait_handled(m["handled"] + fc["messages"]) for s, m in zip(servers, marks0)]
                wall = time.perf_counter() - w0
                broker = process_cpu_s(cfg["beam_pid"]) - b0 - idle * wall
                srv_cpu = [sum(server_split(a, b)) for a, b in zip(marks0, marks1)]
                m = fc["messages"]
                rounds.append({"n": m, "rate_per_s": m / send_wall, "all_delivered_s": wall,
                               "drain_s": wall - send_wall, **latency_percentiles(lat),
                               "client_cpu_s_per_msg": client_cpu / m, "broker_cpu_s_per_msg": broker / m,
                               "server_cpu_s_per_msg_mean": sum(srv_cpu) / len(srv_cpu) / m})
            results.append({"servers": n_srv, "payload_bytes": fc["payload_bytes"], "rounds": rounds,
                            "summary": summarize_rounds(rounds)})
    finally:
        for s in servers:
            s.stop()
    return results


def run(cfg):
    conf = oslo_env.setup()
    import oslo_messaging as om

    url = cfg["url"]
    idle = broker_idle_rate(cfg["beam_pid"], cfg["idle_s"])
    lengths = load_nova_lengths(cfg["nova_lengths"])
    server = Server(url, "calib", "server1")
    tr = oslo_env.transport(conf, url)
    clients = {}

    def client_for(topic):
        if topic not in clients:
            clients[topic] = om.get_rpc_client(tr, om.Target(topic=topic), timeout=60)
        return clients[topic]

    out = {"method": __doc__.strip(), "params": cfg, "broker_idle_cpu_s_per_s": idle,
           "reply_payload_bytes": json_len(make_payload(256, seed=1))}
    try:
        client = client_for("calib")
        warm = make_payload(1024)
        for _ in range(cfg["warmup"]):  # creates the reply queue, the send connection pool and all 64 workers
            client.call({}, "work", payload=warm)
        for _ in range(cfg["warmup"] // 4):
            client.cast({}, "work", payload=warm)
        out["envelope"] = envelope_probe(cfg, client_for, cfg["envelope_sizes"])
        ccpu = ClientCpu()
        seq = []
        for spec in cfg["sizes"]:
            payload_of = payload_source(spec, lengths)
            per = {"call": [], "cast": []}
            n = cfg["messages"]
            for r in range(cfg["rounds"]):
                per["call"].append(measure_window(
                    cfg, idle, server, ccpu, lambda p: client.call({}, "work", payload=p), payload_of,
                    n, drain=False, first=2 * r * n))
                per["cast"].append(measure_window(
                    cfg, idle, server, ccpu, lambda p: client.cast({}, "work", payload=p), payload_of,
                    n, drain=True, first=(2 * r + 1) * n))
            for mode in ("call", "cast"):
                seq.append({"mode": mode, "size": spec, "rounds": per[mode], "summary": summarize_rounds(per[mode])})
        out["sequential"] = seq
        dc = cfg["dispatch"]
        payload_of = payload_source({"kind": "fixed", "bytes": dc["payload_bytes"]}, lengths)
        disp = []
        for spin in dc["spin_s"]:
            rounds = [measure_window(cfg, idle, server, ccpu,
                                     lambda p: client.call({}, "work", payload=p, spin_s=spin), payload_of,
                                     dc["messages"], drain=False) for _ in range(dc["rounds"])]
            disp.append({"spin_s": spin, "payload_bytes": dc["payload_bytes"], "rounds": rounds,
                         "summary": summarize_rounds(rounds)})
        out["dispatch"] = disp
        out["concurrency"] = run_concurrency(cfg, idle, server, url)
        out["fanout"] = run_fanout(cfg, idle, url, client_for)
    finally:
        server.stop()
        tr.cleanup()
    return out


if __name__ == "__main__":
    main_wrapper(run)
