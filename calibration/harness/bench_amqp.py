"""Raw AMQP 0-9-1 with py-amqp (the library under kombu and oslo): what the broker itself costs per operation.

Each round, for each payload size, on a fresh queue and one connection per role:
  publish          N basic.publish to a queue nobody consumes, no confirms, until the queue holds all N (polled
                   with passive queue.declare)
  consume_ack      the N messages consumed (basic.consume, prefetch 0) and acknowledged one by one
  publish_confirm  N publishes with publisher confirms, each waiting for its basic.ack (as kombu does for oslo)
  consume_noack    those N consumed with no_ack (auto-ack): delivery without the ack
  publish_unroutable  N publishes to a direct exchange with no binding (parsed and routed, then dropped)
  stream_confirm_ack  a consumer process acks while this process publishes with confirms: the whole cycle
and once per round at the middle size, fanout: N publishes to a fanout exchange bound to 1, 2 and 4 queues.
Broker CPU = the beam.smp process's CPU (sum of its threads' schedstat) in the window, minus its idle rate
measured beforehand; client CPU = this process's (time.process_time), per message.
"""
import json
import multiprocessing as mp
import os
import time

import amqp

from harness.common import broker_idle_rate, main_wrapper, make_payload, process_cpu_s, summarize_rounds

TOKEN = f"{os.getpid()}"  # names unique to this run
EXPIRES = {"x-expires": 120_000}  # a queue left behind by an interrupted run disappears after 2 minutes


def connect(cfg, confirm=False):
    c = amqp.Connection(host=f"127.0.0.1:{cfg['amqp_port']}", userid="guest", password="guest",
                        confirm_publish=confirm)
    c.connect()
    return c


class Window:
    """Broker and client CPU (seconds) and wall time of one measured phase."""

    def __init__(self, beam_pid, idle_rate):
        self.beam_pid, self.idle = beam_pid, idle_rate

    def __enter__(self):
        self.w0 = time.perf_counter()
        self.c0 = time.process_time()
        self.b0 = process_cpu_s(self.beam_pid)
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.w0
        self.client = time.process_time() - self.c0
        self.broker = process_cpu_s(self.beam_pid) - self.b0 - self.idle * self.wall

    def per_msg(self, n, **extra):
        return {"n": n, "wall_s": self.wall, "rate_per_s": n / self.wall, "wall_s_per_msg": self.wall / n,
                "client_cpu_s_per_msg": self.client / n, "broker_cpu_s_per_msg": self.broker / n, **extra}


def barrier(ch, queue, expect=None, timeout=30.0):
    """Message count of a queue; with expect, poll until it is reached (the queue process enqueues
    asynchronously to the channel, so one passive declare is not enough)."""
    deadline = time.monotonic() + timeout
    while True:
        count = ch.queue_declare(queue=queue, passive=True).message_count
        if expect is None or count == expect:
            return count
        if time.monotonic() > deadline:
            raise TimeoutError(f"queue {queue} holds {count} messages, expected {expect}")
        time.sleep(0.0005)


def consume(conn, ch, queue, n, no_ack):
    got = [0]

    def cb(m):
        got[0] += 1
        if not no_ack:
            ch.basic_ack(m.delivery_tag)

    tag = ch.basic_consume(queue=queue, callback=cb, no_ack=no_ack)
    while got[0] < n:
        conn.drain_events(timeout=30)
    ch.basic_cancel(tag)
    barrier(ch, queue, 0)
    return got[0]


def stream_consumer(cfg, queue, n, ready):
    conn = connect(cfg)
    ch = conn.channel()
    got = [0]

    def cb(m):
        got[0] += 1
        ch.basic_ack(m.delivery_tag)

    ch.basic_consume(queue=queue, callback=cb)
    ready.set()
    while got[0] < n:
        conn.drain_events(timeout=30)
    conn.close()


def run_round(cfg, size, body, idle, pub, pubc, cons, rnd):
    beam = cfg["beam_pid"]
    n = cfg["messages"]
    q = f"calib.raw.{TOKEN}.{size}.{rnd}"
    pch, cch, pcch = pub.channel(), cons.channel(), pubc.channel()
    pch.queue_declare(queue=q, durable=False, auto_delete=False, arguments=EXPIRES)
    out = {}
    with Window(beam, idle) as w:
        for _ in range(n):
            pch.basic_publish(amqp.Message(body), exchange="", routing_key=q)
        barrier(pch, q, n)
    out["publish"] = w.per_msg(n)
    with Window(beam, idle) as w:
        consume(cons, cch, q, n, no_ack=False)
    out["consume_ack"] = w.per_msg(n)
    lat = []
    with Window(beam, idle) as w:
        for _ in range(n):
            t = time.perf_counter()
            pcch.basic_publish(amqp.Message(body), exchange="", routing_key=q)
            lat.append(time.perf_counter() - t)
        barrier(pcch, q, n)
    lat.sort()
    out["publish_confirm"] = w.per_msg(n, confirm_latency_p50_s=lat[len(lat) // 2],
                                       confirm_latency_p90_s=lat[int(len(lat) * 0.9)])
    with Window(beam, idle) as w:
        consume(cons, cch, q, n, no_ack=True)
    out["consume_noack"] = w.per_msg(n)
    ex = f"calib.nobind.{TOKEN}.{rnd}"
    pch.exchange_declare(ex, "direct", durable=False, auto_delete=False)
    with Window(beam, idle) as w:
        for _ in range(n):
            pch.basic_publish(amqp.Message(body), exchange=ex, routing_key="nowhere")
        pch.exchange_declare(ex, "direct", passive=True)  # handled by the channel after the publishes
    out["publish_unroutable"] = w.per_msg(n)
    pch.exchange_delete(ex)
    # the whole cycle, concurrently: a consumer process acks while we publish with confirms
    ready = mp.get_context("fork").Event()
    proc = mp.get_context("fork").Process(target=stream_consumer, args=(cfg, q, n, ready))
    proc.start()
    ready.wait(20)
    with Window(beam, idle) as w:
        c_child0 = process_cpu_s(proc.pid)
        for _ in range(n):
            pcch.basic_publish(amqp.Message(body), exchange="", routing_key=q)
        c_child = process_cpu_s(proc.pid) - c_child0  # read before it exits (its threads vanish then)
        proc.join(60)
    out["stream_confirm_ack"] = w.per_msg(n, consumer_cpu_s_per_msg=c_child / n)
    pch.queue_delete(q)
    for ch in (pch, cch, pcch):
        ch.close()
    return out


def run_fanout(cfg, body, idle, pub, rnd):
    n = cfg["messages"]
    out = {}
    ch = pub.channel()
    for k in cfg["fanout_queues"]:
        ex = f"calib.fan.{TOKEN}.{k}.{rnd}"
        ch.exchange_declare(ex, "fanout", durable=False, auto_delete=False)
        qs = [f"{ex}.q{i}" for i in range(k)]
        for q in qs:
            ch.queue_declare(queue=q, durable=False, auto_delete=False, arguments=EXPIRES)
            ch.queue_bind(q, ex, "")
        with Window(cfg["beam_pid"], idle) as w:
            for _ in range(n):
                ch.basic_publish(amqp.Message(body), exchange=ex, routing_key="")
            for q in qs:
                barrier(ch, q, n)
        out[f"fanout_{k}"] = w.per_msg(n, queues=k)
        for q in qs:
            ch.queue_delete(q)
        ch.exchange_delete(ex)
    ch.close()
    return out


def run(cfg):
    idle = broker_idle_rate(cfg["beam_pid"], cfg["idle_s"])
    pub, pubc, cons = connect(cfg), connect(cfg, confirm=True), connect(cfg)
    results = []
    try:
        for size in cfg["sizes"]:
            body = json.dumps(make_payload(size)).encode()
            rounds = [run_round(cfg, size, body, idle, pub, pubc, cons, r) for r in range(cfg["rounds"])]
            for phase in rounds[0]:
                per = [r[phase] for r in rounds]
                results.append({"phase": phase, "payload_bytes": len(body), "rounds": per,
                                "summary": summarize_rounds(per)})
        body = json.dumps(make_payload(cfg["fanout_size"])).encode()
        rounds = [run_fanout(cfg, body, idle, pub, r) for r in range(cfg["rounds"])]
        for phase in rounds[0]:
            per = [r[phase] for r in rounds]
            results.append({"phase": phase, "payload_bytes": len(body), "rounds": per,
                            "summary": summarize_rounds(per)})
    finally:
        for c in (pub, pubc, cons):
            try:
                c.close()
            except Exception:
                pass
    return {"method": __doc__.strip(), "params": cfg, "broker_idle_cpu_s_per_s": idle, "results": results}


if __name__ == "__main__":
    main_wrapper(run)
