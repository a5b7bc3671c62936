"""Direct-RPC servers for the benchmarks, each run as its own process so that its CPU can be read on its own.

    python3 -m harness.direct_servers KIND [BACKLOG]

KIND: xmlrpc (SimpleXMLRPCServer: one request at a time), xmlrpc-threaded (with ThreadingMixIn: a thread per
request), jsonrpc (http.server's ThreadingHTTPServer speaking HTTP/1.1, JSON-RPC 2.0 bodies; jsonrpc-buffered: the
same with a buffered response writer, so that a response leaves in one send()), zmq (a ZeroMQ ROUTER
socket answering zerorpc-style MessagePack events [header, name, args]), echo (a raw TCP echo: the wire alone).
Methods: work(payload) returns a 256-byte payload; sleep(s) sleeps s seconds. Prints "ready PORT"; each stdin line
"mark" is answered with {"handled": requests so far, "cpu_s": the process's CPU seconds (all threads, also those
that have exited: CLOCK_PROCESS_CPUTIME_ID)}.
"""
import json
import socket
import sys
import threading
import time

from harness.common import Helper, make_payload

REPLY = make_payload(256, seed=1)
HANDLED = [0]
LOCK = threading.Lock()


def count():
    with LOCK:
        HANDLED[0] += 1


def work(payload):
    count()
    return REPLY


def sleep(s):
    time.sleep(s)
    count()
    return 0


def serve_xmlrpc(threaded, backlog):
    from socketserver import ThreadingMixIn
    from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer

    class Handler(SimpleXMLRPCRequestHandler):
        rpc_paths = ("/", "/RPC2")

    base = (ThreadingMixIn, SimpleXMLRPCServer) if threaded else (SimpleXMLRPCServer,)
    cls = type("Server", base, {"request_queue_size": backlog})
    srv = cls(("127.0.0.1", 0), requestHandler=Handler, logRequests=False)
    srv.register_function(work, "work")
    srv.register_function(sleep, "sleep")
    return srv, srv.server_address[1], srv.serve_forever


def serve_jsonrpc(backlog, buffered):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    methods = {"work": lambda params: work(params["payload"]), "sleep": lambda params: sleep(params["s"])}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive unless the client says Connection: close
        # unbuffered (the stdlib default) writes the headers and the body in two send()s: on a kept connection
        # Nagle holds the body until the client's delayed ACK (~40 ms). Buffered: one send() per response.
        wbufsize = -1 if buffered else 0

        def do_POST(self):
            req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.dumps({"jsonrpc": "2.0", "result": methods[req["method"]](req["params"]),
                               "id": req["id"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    cls = type("Server", (ThreadingHTTPServer,), {"request_queue_size": backlog})
    srv = cls(("127.0.0.1", 0), Handler)
    return srv, srv.server_address[1], srv.serve_forever


def serve_zmq():
    import msgpack
    import zmq

    ctx = zmq.Context()
    sock = ctx.socket(zmq.ROUTER)
    port = sock.bind_to_random_port("tcp://127.0.0.1")

    def loop():
        while True:
            ident, body = sock.recv_multipart()
            header, name, args = msgpack.unpackb(body, raw=False)
            result = work(*args) if name == "work" else sleep(*args)
            reply = msgpack.packb([{"message_id": header["message_id"] + "r", "v": 3,
                                    "response_to": header["message_id"]}, "OK", [result]])
            sock.send_multipart([ident, reply])

    return None, port, loop


def serve_echo(backlog):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(backlog)

    def conn_loop(c):
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            hdr = c.recv(4)
            if len(hdr) < 4:
                return
            n = int.from_bytes(hdr, "big")
            data = b""
            while len(data) < n:
                data += c.recv(n - len(data))
            count()
            c.sendall(hdr + data)

    def loop():
        while True:
            c, _ = ls.accept()
            threading.Thread(target=conn_loop, args=(c,), daemon=True).start()

    return None, ls.getsockname()[1], loop


def main():
    kind = sys.argv[1]
    backlog = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if kind in ("xmlrpc", "xmlrpc-threaded"):
        _, port, loop = serve_xmlrpc(kind == "xmlrpc-threaded", backlog)
    elif kind in ("jsonrpc", "jsonrpc-buffered"):
        _, port, loop = serve_jsonrpc(backlog, kind == "jsonrpc-buffered")
    elif kind == "zmq":
        _, port, loop = serve_zmq()
    elif kind == "echo":
        _, port, loop = serve_echo(backlog)
    else:
        raise SystemExit(f"unknown server kind {kind}")
    threading.Thread(target=loop, daemon=True).start()
    print(f"ready {port}", flush=True)
    for line in sys.stdin:
        if line.strip() != "mark":
            break
        with LOCK:
            h = HANDLED[0]
        print(json.dumps({"handled": h, "cpu_s": time.process_time()}), flush=True)


class DirectServer(Helper):
    """One of the servers above in its own process (own session)."""

    def __init__(self, kind, backlog=5):
        super().__init__("harness.direct_servers", [kind, backlog], 30)
        self.port = int(self.ready)


def round_trips(srv, make_call, payload, n, warmup=5):
    """n sequential calls; latency percentiles, rate, client and server CPU per call.

    make_call() returns the call function (a proxy, a connection...), made before the window opens."""
    from harness.common import latency_percentiles

    call = make_call()
    for _ in range(warmup):
        call(payload)
    m0 = srv.mark()
    c0 = time.process_time()
    lat = []
    w0 = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        call(payload)
        lat.append(time.perf_counter() - t)
    wall = time.perf_counter() - w0
    client = time.process_time() - c0
    m1 = srv.mark()
    return {"n": n, "wall_s": wall, "rate_per_s": n / wall, **latency_percentiles(lat),
            "client_cpu_s_per_msg": client / n, "server_cpu_s_per_msg": (m1["cpu_s"] - m0["cpu_s"]) / n,
            "server_handled": m1["handled"] - m0["handled"]}


def measured_entry(srv, make_call, payload, n, rounds, payload_bytes, **labels):
    """A result entry: `rounds` rounds of n round trips, their figures and summary, under the given labels."""
    from harness.common import summarize_rounds

    per = [round_trips(srv, make_call, payload, n) for _ in range(rounds)]
    return {**labels, "payload_bytes": payload_bytes, "rounds": per, "summary": summarize_rounds(per)}


if __name__ == "__main__":
    main()
