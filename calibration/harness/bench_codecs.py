"""Codec costs: encode/decode CPU per message for JSON, XML (xmlrpc.client) and MessagePack, over payload sizes.

Payloads are oslo/nova-like nested dicts (harness.common.make_payload) whose compact JSON is exactly P bytes, so
"per byte" always means per byte of the payload's JSON, whatever the codec; the encoded length of each codec is
recorded too (size factor and fixed header = its slope and intercept). Also measured: oslo's double JSON envelope
(the message dict is dumped to a string, which is dumped again inside {"oslo.version", "oslo.message"}), and a
fixed pure-Python reference loop whose rate characterises the machine's core for Python work.
"""
import json
import time
import uuid
import xmlrpc.client

from harness.common import describe, json_len, main_wrapper, make_payload

try:
    import msgpack
except ImportError:  # measured only where python3-msgpack is installed
    msgpack = None


def oslo_message(payload):
    """The dict oslo.messaging 14 serializes for a call (amqpdriver._send + rpc client._make_message)."""
    msg = {"method": "work", "args": {"payload": payload}, "namespace": None, "version": "1.0",
           "_msg_id": uuid.uuid4().hex, "_reply_q": "reply_" + uuid.uuid4().hex, "_timeout": None,
           "_unique_id": uuid.uuid4().hex}
    for k, v in {"user": None, "project_id": None, "request_id": "req-" + str(uuid.uuid4())}.items():
        msg["_context_" + k] = v
    return msg


def oslo_encode(msg):
    return json.dumps({"oslo.version": "2.0", "oslo.message": json.dumps(msg)})


def oslo_decode(body):
    return json.loads(json.loads(body)["oslo.message"])


def time_op(fn, arg, target_s):
    """CPU and wall seconds per call of fn(arg), over enough calls to last about target_s."""
    n = 1
    while True:  # calibrate the count
        c0 = time.process_time()
        for _ in range(n):
            fn(arg)
        if time.process_time() - c0 > target_s / 10 or n > 1_000_000:
            break
        n *= 4
    c = time.process_time() - c0
    reps = max(1, int(n * target_s / max(c, 1e-9)))
    w0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(reps):
        fn(arg)
    c = time.process_time() - c0
    w = time.perf_counter() - w0
    return {"cpu_s_per_op": c / reps, "wall_s_per_op": w / reps, "ops": reps}


def reference_loop():
    """A fixed pure-Python workload (dict, str and int operations), one 'op' = one loop body."""
    d = {}
    acc = 0
    for i in range(200_000):
        k = "k%d" % (i & 1023)
        d[k] = d.get(k, 0) + i
        acc += len(k)
    return acc


def codec_table():
    table = {
        "json": (lambda p: json.dumps(p), json.loads),
        "xml": (lambda p: xmlrpc.client.dumps((p,), "work"), xmlrpc.client.loads),
        "oslo_json_envelope": (None, oslo_decode),
    }
    if msgpack is not None:
        table["msgpack"] = (msgpack.packb, lambda b: msgpack.unpackb(b, raw=False))
    return table


def run(cfg):
    sizes = cfg["sizes"]
    rounds = cfg["rounds"]
    target = cfg["target_s"]
    results = []
    for codec, (enc, dec) in codec_table().items():
        for size in sizes:
            payload = make_payload(size)
            if codec == "oslo_json_envelope":
                obj = oslo_message(payload)
                enc_fn = oslo_encode
            else:
                obj = payload
                enc_fn = enc
            encoded = enc_fn(obj)
            per_round = []
            for _ in range(rounds):
                e = time_op(enc_fn, obj, target)
                d = time_op(dec, encoded, target)
                per_round.append({"encode_cpu_s": e["cpu_s_per_op"], "encode_wall_s": e["wall_s_per_op"],
                                  "decode_cpu_s": d["cpu_s_per_op"], "decode_wall_s": d["wall_s_per_op"],
                                  "encode_ops": e["ops"], "decode_ops": d["ops"]})
            summary = {k: describe([r[k] for r in per_round]) for k in per_round[0]}
            results.append({"codec": codec, "payload_bytes": json_len(payload), "encoded_bytes": len(encoded),
                            "rounds": per_round, "summary": summary})
    ref_rounds = []
    for _ in range(rounds):
        c0 = time.process_time()
        reference_loop()
        ref_rounds.append({"ops_per_s": 200_000 / (time.process_time() - c0)})
    return {
        "method": "single process, one thread: each op repeated for about target_s of CPU per round "
                  "(time.process_time); per-op CPU and wall time; encoded length per codec and size",
        "params": {**cfg, "msgpack_available": msgpack is not None,
                   "msgpack_version": ".".join(map(str, msgpack.version)) if msgpack else None},
        "results": results,
        "reference_loop": {"description": "pure-Python loop body (dict get/set, %-format, len): ops per CPU second",
                           "rounds": ref_rounds,
                           "summary": {"ops_per_s": describe([r["ops_per_s"] for r in ref_rounds])}},
    }


if __name__ == "__main__":
    main_wrapper(run)
