"""Python's SimpleXMLRPCServer (single-threaded, and with ThreadingMixIn): round trips and the accept backlog.

The server runs in its own process (harness.direct_servers xmlrpc|xmlrpc-threaded) so that its CPU is its own.
  round_trip   for each payload size: `messages` sequential calls of work(payload) from xmlrpc.client.ServerProxy
               (a new TCP connection per call: HTTP/1.0), latency, rate, client and server CPU per call
  burst        `burst_clients` threads, released together, each opening its own connection and calling
               sleep(burst_sleep_s) on a server with Python's default listen backlog of 5: per client the time
               connect() took and the time to the reply. Linux lets backlog+1 connections wait in the accept queue
               and drops further SYNs; the client's kernel retransmits them after 1 s, then 3 s, 7 s (doubling), so
               connect times cluster at 0, ~1, ~3 s. Run on the single-threaded and the threaded server.
"""
import socket
import threading
import time
import xmlrpc.client

from harness.common import json_len, main_wrapper, make_payload
from harness.direct_servers import DirectServer, measured_entry


def burst(port, clients, sleep_s):
    """Connect times and reply times of `clients` simultaneous callers of sleep(sleep_s)."""
    go = threading.Event()
    out = [None] * clients

    def one(i):
        go.wait()
        t0 = time.perf_counter()
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        t_conn = time.perf_counter() - t0
        body = xmlrpc.client.dumps((sleep_s,), "sleep").encode()
        req = (f"POST /RPC2 HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        s.sendall(req)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        out[i] = {"connect_s": t_conn, "reply_s": time.perf_counter() - t0, "ok": b"200 OK" in data[:64]}

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    go.set()
    for t in threads:
        t.join(120)
    rows = sorted(out, key=lambda r: r["reply_s"])
    conn = [r["connect_s"] for r in rows]
    return {"clients": rows,
            "connected_at_once": sum(1 for c in conn if c < 0.5),
            "connected_after_1_retry": sum(1 for c in conn if 0.5 <= c < 2.0),
            "connected_after_2_retries": sum(1 for c in conn if 2.0 <= c < 5.0),
            "connected_after_3_or_more": sum(1 for c in conn if c >= 5.0),
            "all_ok": all(r["ok"] for r in rows),
            "last_reply_s": rows[-1]["reply_s"]}


def run(cfg):
    results = []
    bursts = []
    for kind in ("xmlrpc", "xmlrpc-threaded"):
        srv = DirectServer(kind, backlog=cfg["backlog"])
        try:
            proxy_url = f"http://127.0.0.1:{srv.port}/RPC2"
            for size in cfg["sizes"]:
                payload = make_payload(size)
                results.append(measured_entry(srv, lambda: xmlrpc.client.ServerProxy(proxy_url).work, payload,
                                              cfg["messages"], cfg["rounds"], json_len(payload), server=kind))
            for r in range(cfg["burst_rounds"]):
                b = burst(srv.port, cfg["burst_clients"], cfg["burst_sleep_s"])
                b.update({"server": kind, "round": r})
                bursts.append(b)
        finally:
            srv.stop()
    return {"method": __doc__.strip(), "params": cfg, "results": results, "reply_payload_bytes": 256,
            "burst": bursts, "kernel": kernel_settings()}


def kernel_settings():
    out = {}
    for name in ("net/core/somaxconn", "net/ipv4/tcp_syn_retries", "net/ipv4/tcp_syncookies",
                 "net/ipv4/tcp_max_syn_backlog", "net/ipv4/tcp_abort_on_overflow"):
        try:
            with open("/proc/sys/" + name) as f:
                out[name.replace("/", ".")] = int(f.read().split()[0])
        except OSError:
            pass
    return out


if __name__ == "__main__":
    main_wrapper(run)
