"""JSON-RPC 2.0 over HTTP with the standard library only (http.server + http.client + json).

The server (harness.direct_servers jsonrpc: ThreadingHTTPServer, HTTP/1.1) runs in its own process.
  keepalive    one persistent HTTP/1.1 connection for all calls (what buslab's `jsonrpc` transport models), on the
               stdlib handler as it is: it sends headers and body in two send()s, so on a kept connection Nagle's
               algorithm holds the body until the client's delayed ACK (~40 ms per call on Linux)
  keepalive_buffered  the same with the handler's writer buffered (wbufsize = -1): one send() per response
  per_call     a new connection per call (Connection: close), as XML-RPC does; the difference per call is the
               cost of setting up and tearing down a TCP connection and the server's thread for it
For each payload size: `messages` sequential calls (a tenth as many for the stalling `keepalive`) of work(payload):
latency, rate, client and server CPU per call.
"""
import http.client
import json

from harness.common import json_len, main_wrapper, make_payload
from harness.direct_servers import DirectServer, measured_entry


def caller(port, keepalive):
    state = {"conn": None, "id": 0}

    def call(payload):
        state["id"] += 1
        body = json.dumps({"jsonrpc": "2.0", "method": "work", "params": {"payload": payload}, "id": state["id"]})
        if state["conn"] is None:
            state["conn"] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if not keepalive:
            headers["Connection"] = "close"
        state["conn"].request("POST", "/", body, headers)
        resp = json.loads(state["conn"].getresponse().read())
        if not keepalive:
            state["conn"].close()
            state["conn"] = None
        return resp["result"]

    return call


def run(cfg):
    results = []
    for kind, variants in (("jsonrpc", (("keepalive", True), ("per_call", False))),
                           ("jsonrpc-buffered", (("keepalive_buffered", True),))):
        srv = DirectServer(kind, backlog=cfg.get("backlog", 5))
        try:
            for size in cfg["sizes"]:
                payload = make_payload(size)
                for variant, keep in variants:
                    n = cfg["messages"] if variant != "keepalive" else max(10, cfg["messages"] // 10)
                    results.append(measured_entry(srv, lambda: caller(srv.port, keep), payload, n, cfg["rounds"],
                                                  json_len(payload), variant=variant))
        finally:
            srv.stop()
    return {"method": __doc__.strip(), "params": cfg, "results": results, "reply_payload_bytes": 256}


if __name__ == "__main__":
    main_wrapper(run)
