"""zerorpc's stack without zerorpc: ZeroMQ DEALER -> ROUTER with MessagePack events, and the bare wire.

Debian 12 does not package zerorpc (no python3-zerorpc; `apt-cache policy python3-zerorpc` finds nothing), but it
packages what zerorpc is made of: pyzmq (python3-zmq) and msgpack (python3-msgpack), both installed with
oslo.messaging. This measures a zerorpc-shaped round trip: the client sends one msgpack event
[{"message_id", "v": 3}, "work", [payload]] on a DEALER socket, the server (its own process) answers
[{..., "response_to"}, "OK", [result]] from a ROUTER socket. zerorpc adds gevent channels and heartbeats on top, so
these figures are a lower bound for it.
  zmq_msgpack  sequential round trips over payload sizes, latency, rate, client and server CPU per call
  tcp_echo     a length-prefixed echo over one persistent loopback TCP connection (TCP_NODELAY): what the wire
               and the two kernels cost with almost no library on top
"""
import socket
import uuid

from harness.common import json_len, main_wrapper, make_payload
from harness.direct_servers import DirectServer, measured_entry


def zmq_caller(port):
    import msgpack
    import zmq

    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.connect(f"tcp://127.0.0.1:{port}")

    def call(payload):
        sock.send(msgpack.packb([{"message_id": uuid.uuid4().hex, "v": 3}, "work", [payload]]))
        header, name, args = msgpack.unpackb(sock.recv(), raw=False)
        return args[0]

    return call


def echo_caller(port, size):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    msg = size.to_bytes(4, "big") + b"x" * size

    def call(_payload):
        s.sendall(msg)
        got = 0
        while got < len(msg):
            got += len(s.recv(65536))

    return call


def run(cfg):
    results = []
    try:
        import msgpack  # noqa: F401
        import zmq  # noqa: F401
        have_zmq = True
    except ImportError as e:
        have_zmq = False
        results.append({"variant": "zmq_msgpack", "skipped": f"{e} (python3-zmq / python3-msgpack not installed)"})
    if have_zmq:
        srv = DirectServer("zmq")
        try:
            for size in cfg["sizes"]:
                payload = make_payload(size)
                results.append(measured_entry(srv, lambda: zmq_caller(srv.port), payload, cfg["messages"],
                                              cfg["rounds"], json_len(payload), variant="zmq_msgpack"))
        finally:
            srv.stop()
    srv = DirectServer("echo")
    try:
        for size in cfg["echo_sizes"]:
            results.append(measured_entry(srv, lambda: echo_caller(srv.port, size), None, cfg["messages"],
                                          cfg["rounds"], size, variant="tcp_echo"))
    finally:
        srv.stop()
    return {"method": __doc__.strip(), "params": cfg, "results": results, "reply_payload_bytes": 256}


if __name__ == "__main__":
    main_wrapper(run)
