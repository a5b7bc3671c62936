"""Derives a buslab cost profile from a recorded calibration run (standard library only, deterministic).

Every cost is CPU seconds on one core of the measured machine (the "reference core"), as
    cost(P) = fixed_s + per_byte_s * P
where P is the payload's size in bytes (its compact JSON, as in scenarios' payload sizes), with `cv`, the
coefficient of variation of the cost from round to round, and `source`, the recorded figures it comes from.
docs/profiles.md documents the format and the decomposition; calibration/README.md how the figures are measured.
"""
import hashlib
import json
import math
import os
import re

FORMAT = "buslab-profile"
VERSION = 1
REFERENCE_SPEED_FLOPS = 1e9  # buslab's default host speed ("1Gf"): a default host is one reference core


class FitError(Exception):
    """Bad input: the message names the file, the JSON path, what was expected and what was found."""


# ------------------------------------------------------------------------------------------- input access


class Rec:
    """Read access to a recording that reports missing or mistyped fields by JSON path."""

    def __init__(self, data, path):
        self.data, self.path = data, path

    def get(self, *keys, kind=None):
        node, where = self.data, "$"
        for k in keys:
            if isinstance(k, int):
                if not isinstance(node, list) or k >= len(node):
                    raise FitError(f"{self.path}: {where}: expected a list with an item {k}, found "
                                   f"{_describe(node)}")
                node, where = node[k], f"{where}[{k}]"
            else:
                if not isinstance(node, dict) or k not in node:
                    raise FitError(f"{self.path}: {where}.{k}: expected a field, found nothing")
                node, where = node[k], f"{where}.{k}"
        if kind == "number" and (not isinstance(node, (int, float)) or isinstance(node, bool) or not
                                 math.isfinite(node)):
            raise FitError(f"{self.path}: {where}: expected a number, found {_describe(node)}")
        if kind == "list" and not isinstance(node, list):
            raise FitError(f"{self.path}: {where}: expected a list, found {_describe(node)}")
        return node

    def family(self, name):
        fam = self.get("benchmarks", name)
        if not isinstance(fam, dict) or fam.get("status") != "ok":
            raise FitError(f"{self.path}: $.benchmarks.{name}.status: expected \"ok\", found "
                           f"{_describe(fam.get('status') if isinstance(fam, dict) else fam)}")
        return fam


def _describe(v):
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (dict, list)):
        return type(v).__name__ + (" with %d items" % len(v))
    return json.dumps(v)


# ------------------------------------------------------------------------------------------- statistics


def median(xs):
    s = sorted(xs)
    n = len(s)
    if n == 0:
        raise ValueError("median of nothing")
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def cv(xs):
    n = len(xs)
    if n < 2:
        return 0.0
    m = sum(xs) / n
    if m == 0:
        return 0.0
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) / abs(m)


def linfit(points):
    """Least squares y = a + b x over (x, y) points; a slope below 0 becomes 0 (a = mean y), an intercept below 0
    becomes 0 (line through the origin). Returns (a, b, note)."""
    pts = sorted(points)
    n = len(pts)
    if n == 1:
        return max(0.0, pts[0][1]), 0.0, ""
    mx = sum(x for x, _ in pts) / n
    my = sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else 0.0
    a = my - b * mx
    if b < 0:
        return max(0.0, my), 0.0, "no growth with size: fixed = mean"
    if a < 0:
        sx2 = sum(x * x for x, _ in pts)
        return 0.0, sum(x * y for x, y in pts) / sx2, "intercept below 0: line through the origin"
    return a, b, ""


def sig(x, digits=4):
    """x rounded to `digits` significant digits (so that profiles are short and byte-stable)."""
    if x == 0 or not math.isfinite(x):
        return 0.0 if x == 0 else x
    return float(f"{x:.{digits - 1}e}")


class Cost:
    """fixed + per_byte x P seconds, its round-to-round variability and where it comes from."""

    def __init__(self, fixed, per_byte, cv_, source, note=""):
        self.fixed, self.per_byte, self.cv, self.source, self.note = fixed, per_byte, cv_, source, note

    def at(self, p):
        return self.fixed + self.per_byte * p

    def to_json(self):
        d = {"fixed_s": sig(self.fixed), "per_byte_s": sig(self.per_byte), "cv": sig(self.cv, 3),
             "source": self.source}
        if self.note:
            d["note"] = self.note
        return d


def cost_over_sizes(per_size, source):
    """per_size: {P: [per-round values]} -> Cost fitted on the medians; cv = mean of the per-size cvs."""
    pts = [(p, median(v)) for p, v in per_size.items()]
    a, b, note = linfit(pts)
    cvs = [cv(v) for v in per_size.values()]
    return Cost(a, b, sum(cvs) / len(cvs), source, note)


def robust_over_sizes(per_size, source):
    """As cost_over_sizes, with a line that one size cannot pull: Theil-Sen (the median of the slopes between every
    two sizes, then the median intercept). For a difference of two noisy figures measured at four sizes (a stack's
    CPU less its codec), where least squares follows whichever size came out high."""
    pts = sorted((p, median(v)) for p, v in per_size.items())
    slopes = [(y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(pts) for x2, y2 in pts[i + 1:] if x2 != x1]
    b = median(slopes) if slopes else 0.0
    note = ""
    if b < 0:
        b, note = 0.0, "no growth with size: fixed = median"
    a = median([y - b * x for x, y in pts])
    if a < 0:
        a, b, note = 0.0, median([y / x for x, y in pts if x > 0]), "through the origin"
    cvs = [cv(v) for v in per_size.values()]
    return Cost(a, b, sum(cvs) / len(cvs), source, note)


def constant_over_sizes(per_size, source):
    """A cost that does not depend on the request's size (e.g. handling a fixed-size reply): the median of every
    round at every size; cv = mean of the per-size cvs."""
    pooled = [v for vs in per_size.values() for v in vs]
    cvs = [cv(v) for v in per_size.values()]
    return Cost(median(pooled), 0.0, sum(cvs) / len(cvs), source)


def clamp(cost, what):
    """Costs are never negative: a difference of two noisy figures that comes out below 0 is reported as 0."""
    if cost.fixed < 0 or cost.per_byte < 0:
        cost.note = (cost.note + "; " if cost.note else "") + f"{what} came out below 0 (noise): set to 0"
        cost.fixed, cost.per_byte = max(0.0, cost.fixed), max(0.0, cost.per_byte)
    return cost


def rounds_of(rec, entry, where, key):
    rounds = entry.get("rounds") if isinstance(entry, dict) else None
    if not isinstance(rounds, list) or not rounds:
        raise FitError(f"{rec.path}: {where}.rounds: expected a non-empty list, found {_describe(rounds)}")
    out = []
    for i, r in enumerate(rounds):
        v = r.get(key) if isinstance(r, dict) else None
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            raise FitError(f"{rec.path}: {where}.rounds[{i}].{key}: expected a number, found {_describe(v)}")
        out.append(float(v))
    return out


def entry_number(rec, entry, where, key):
    v = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise FitError(f"{rec.path}: {where}.{key}: expected a number, found {_describe(v)}")
    return v


# ------------------------------------------------------------------------------------------- the fit


def labelled_entries(rec, family, label, what):
    """The entries of benchmarks.<family>.results as (index, JSON path, label value, entry); each must have a string
    `label` field."""
    rec.family(family)
    out = []
    for i, e in enumerate(rec.get("benchmarks", family, "results", kind="list")):
        where = f"$.benchmarks.{family}.results[{i}]"
        v = e.get(label) if isinstance(e, dict) else None
        if not isinstance(v, str):
            raise FitError(f"{rec.path}: {where}.{label}: expected {what}, found {_describe(v)}")
        out.append((i, where, v, e))
    return out


def fit_codecs(rec):
    by_codec = {}
    for i, _, c, e in labelled_entries(rec, "codecs", "codec", "a codec name"):
        by_codec.setdefault(c, []).append((i, e))
    codecs = {}
    for c, entries in sorted(by_codec.items()):
        enc, dec, size = {}, {}, []
        for i, e in entries:
            where = f"$.benchmarks.codecs.results[{i}]"
            p = entry_number(rec, e, where, "payload_bytes")
            enc[p] = rounds_of(rec, e, where, "encode_cpu_s")
            dec[p] = rounds_of(rec, e, where, "decode_cpu_s")
            size.append((p, entry_number(rec, e, where, "encoded_bytes")))
        src = f"benchmarks.codecs.results[codec={c}]"
        a, b, _ = linfit(size)
        codecs[c] = {"encode": cost_over_sizes(enc, f"{src}.rounds[].encode_cpu_s, fitted over payload_bytes"),
                     "decode": cost_over_sizes(dec, f"{src}.rounds[].decode_cpu_s, fitted over payload_bytes"),
                     "size_factor": b, "header_bytes": a}
    for need in ("json", "xml", "oslo_json_envelope"):
        if need not in codecs:
            raise FitError(f"{rec.path}: $.benchmarks.codecs.results: expected entries with codec \"{need}\", "
                           f"found none")
    loop = rec.get("benchmarks", "codecs", "reference_loop", "summary", "ops_per_s", "median", kind="number")
    return codecs, loop


def fit_broker(rec):
    phases = {}
    fan = {}
    for _, where, ph, e in labelled_entries(rec, "amqp", "phase", "a phase name"):
        p = entry_number(rec, e, where, "payload_bytes")
        if ph.startswith("fanout_"):
            q = int(ph.split("_", 1)[1])
            fan[q] = rounds_of(rec, e, where, "broker_cpu_s_per_msg")
        else:
            phases.setdefault(ph, {})[p] = (rounds_of(rec, e, where, "broker_cpu_s_per_msg"),
                                            rounds_of(rec, e, where, "client_cpu_s_per_msg"))
    for need in ("publish", "consume_ack", "publish_confirm", "consume_noack"):
        if need not in phases:
            raise FitError(f"{rec.path}: $.benchmarks.amqp.results: expected a phase \"{need}\", found none")
    if len(fan) < 2:
        raise FitError(f"{rec.path}: $.benchmarks.amqp.results: expected fanout_<N> phases for 2 or more N, "
                       f"found {len(fan)}")
    src = "benchmarks.amqp.results[phase={}].rounds[].broker_cpu_s_per_msg"

    def diff(a, b, label):
        per = {}
        for p in phases[a]:
            if p in phases[b]:
                ra, rb = phases[a][p][0], phases[b][p][0]
                per[p] = [x - y for x, y in zip(ra, rb)]
        return clamp(cost_over_sizes(per, f"{src.format(a)} - {src.format(b)}, per round"), label)

    # route: the broker's extra CPU per destination queue, from fanout to 1, 2, 4 queues
    fq = sorted(fan)
    pts = [(q, median(fan[q])) for q in fq]
    _, slope, _ = linfit(pts)
    n_r = min(len(v) for v in fan.values())
    per_round_slopes = []
    for r in range(n_r):
        _, s_r, _ = linfit([(q, fan[q][r]) for q in fq])
        per_round_slopes.append(s_r)
    route = Cost(slope, 0.0, cv(per_round_slopes), "slope of " + src.format("fanout_<N>") + " over N queues")
    pub_raw = cost_over_sizes({p: v[0] for p, v in phases["publish"].items()}, src.format("publish"))
    publish = clamp(Cost(pub_raw.fixed - route.fixed, pub_raw.per_byte, pub_raw.cv,
                         src.format("publish") + " (one queue) minus route"), "publish")
    deliver = cost_over_sizes({p: v[0] for p, v in phases["consume_noack"].items()}, src.format("consume_noack"))
    ack = diff("consume_ack", "consume_noack", "ack")
    confirm = diff("publish_confirm", "publish", "confirm")
    broker = {"publish": publish, "route": route, "deliver": deliver, "ack": ack, "confirm": confirm}
    client = {
        "publish": cost_over_sizes({p: v[1] for p, v in phases["publish"].items()},
                                   "benchmarks.amqp.results[phase=publish].rounds[].client_cpu_s_per_msg"),
        "publish_confirm": cost_over_sizes(
            {p: v[1] for p, v in phases["publish_confirm"].items()},
            "benchmarks.amqp.results[phase=publish_confirm].rounds[].client_cpu_s_per_msg"),
        "consume_ack": cost_over_sizes({p: v[1] for p, v in phases["consume_ack"].items()},
                                       "benchmarks.amqp.results[phase=consume_ack].rounds[].client_cpu_s_per_msg"),
    }
    checks = {}
    if "stream_confirm_ack" in phases:
        for p, (b, _) in sorted(phases["stream_confirm_ack"].items()):
            pred = sum(c.at(p) for c in broker.values())
            checks[f"stream_confirm_ack_{int(p)}B"] = {
                "measured_broker_cpu_s": sig(median(b)), "predicted_broker_cpu_s": sig(pred),
                "what": "one message published with a confirm, routed, delivered and acked while a consumer runs: "
                        "publish + route + deliver + ack + confirm"}
    return broker, client, checks


def fit_oslo(rec, codecs):
    fam = rec.family("oslo")
    reply_p = entry_number(rec, fam, "$.benchmarks.oslo", "reply_payload_bytes")
    seq = rec.get("benchmarks", "oslo", "sequential", kind="list")
    env = codecs["oslo_json_envelope"]
    enc_env, dec_env = env["encode"], env["decode"]
    calls, casts = {}, {}
    mixed = []
    for i, e in enumerate(seq):
        where = f"$.benchmarks.oslo.sequential[{i}]"
        mode = e.get("mode") if isinstance(e, dict) else None
        size = e.get("size") if isinstance(e, dict) else None
        if mode not in ("call", "cast") or not isinstance(size, dict):
            raise FitError(f"{rec.path}: {where}: expected mode \"call\" or \"cast\" and a size, found "
                           f"{_describe(mode)}")
        keys = ("payload_bytes_mean", "client_caller_cpu_s_per_msg", "client_other_cpu_s_per_msg",
                "server_worker_cpu_s_per_msg", "server_other_cpu_s_per_msg", "broker_cpu_s_per_msg",
                "latency_mean_s", "rate_per_s")
        rows = {k: rounds_of(rec, e, where, k) for k in keys}
        if size.get("kind") == "fixed":
            p = entry_number(rec, size, where + ".size", "bytes")
            (calls if mode == "call" else casts)[p] = rows
        else:
            mixed.append((mode, size.get("label", "mix"), rows))
    if not calls or set(calls) != set(casts):
        raise FitError(f"{rec.path}: $.benchmarks.oslo.sequential: expected a call and a cast entry for each fixed "
                       f"size, found calls at {sorted(calls)} and casts at {sorted(casts)}")
    sizes = sorted(calls)
    src = "benchmarks.oslo.sequential[mode={},size=<fixed>].rounds[].{}"

    def per_size(fn):
        out = {}
        for p in sizes:
            n = min(len(calls[p]["latency_mean_s"]), len(casts[p]["latency_mean_s"]))
            out[p] = [fn(calls[p], casts[p], r, p) for r in range(n)]
        return out

    def derived(name, mode, key, fn, minus, constant=False):
        """A cost computed round by round from the call and cast figures (fn), fitted over sizes."""
        fit_ = constant_over_sizes if constant else cost_over_sizes
        text = src.format(mode, key) + (" - " + minus if minus else "")
        return clamp(fit_(per_size(fn), text), name)

    env_enc_reply, env_dec_reply = enc_env.at(reply_p), dec_env.at(reply_p)
    client = {
        "send_call": derived("send_call", "call", "client_caller_cpu_s_per_msg",
                             lambda c, k, r, p: c["client_caller_cpu_s_per_msg"][r] - enc_env.at(p),
                             "oslo_json_envelope.encode(P)"),
        "send_cast": derived("send_cast", "cast", "client_caller_cpu_s_per_msg",
                             lambda c, k, r, p: k["client_caller_cpu_s_per_msg"][r] - enc_env.at(p),
                             "oslo_json_envelope.encode(P)"),
        "receive_reply": derived("receive_reply", "call", "client_other_cpu_s_per_msg",
                                 lambda c, k, r, p: c["client_other_cpu_s_per_msg"][r]
                                 - k["client_other_cpu_s_per_msg"][r] - env_dec_reply,
                                 "the same for casts (heartbeats) - oslo_json_envelope.decode(reply)", constant=True),
    }
    server = {
        "receive": derived("receive", "call", "server_other_cpu_s_per_msg",
                           lambda c, k, r, p: c["server_other_cpu_s_per_msg"][r] - dec_env.at(p),
                           "oslo_json_envelope.decode(P)"),
        "dispatch": derived("dispatch", "cast", "server_worker_cpu_s_per_msg",
                            lambda c, k, r, p: k["server_worker_cpu_s_per_msg"][r], ""),
        "reply": derived("reply", "call", "server_worker_cpu_s_per_msg",
                         lambda c, k, r, p: c["server_worker_cpu_s_per_msg"][r] - k["server_worker_cpu_s_per_msg"][r]
                         - env_enc_reply, "the same for casts - oslo_json_envelope.encode(reply)", constant=True),
    }
    server["dispatch"].source += " (no-op endpoint, no reply)"
    broker_msg = {
        "cast": derived("broker per cast", "cast", "broker_cpu_s_per_msg",
                        lambda c, k, r, p: k["broker_cpu_s_per_msg"][r], ""),
        "call": derived("broker per call", "call", "broker_cpu_s_per_msg",
                        lambda c, k, r, p: c["broker_cpu_s_per_msg"][r], ""),
    }
    measured = {"calls": calls, "casts": casts, "mixed": mixed, "reply_bytes": reply_p}
    return client, server, broker_msg, measured


CONTENTION_PARTS = ("client_cpu_s_per_msg", "server_cpu_s_per_msg", "broker_cpu_s_per_msg")


def contention_law(points, op):
    """factor - 1 = coefficient x excess ^ exponent through the loaded points [(excess load, factor - 1)]: a straight
    line in log-log space (least squares; exact through two points)."""
    pts = [(x, y) for x, y in points if x > 0 and y > 0]
    source = (f"benchmarks.oslo.concurrency[mode={op}]: median over rounds of client + server + broker CPU per "
              "message, over the same at one caller")
    if not pts:
        return {"coefficient": 0.0, "exponent": 1.0, "source": source, "note": "no growth measured: no contention"}
    if len(pts) == 1:
        (x, y), = pts
        return {"coefficient": sig(y / x), "exponent": 1.0, "source": source,
                "note": "one loaded point: a straight line through it"}
    lx = [math.log(x) for x, _ in pts]
    ly = [math.log(y) for _, y in pts]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    exponent = sum((u - mx) * (v - my) for u, v in zip(lx, ly)) / sum((u - mx) ** 2 for u in lx)
    return {"coefficient": sig(math.exp(my - exponent * mx)), "exponent": sig(exponent), "source": source}


def fit_contention(rec, cores):
    """How the CPU per oslo message grows with the processes sharing the machine's cores (docs/profiles.md
    `contention`): benchmarks.oslo.concurrency runs K caller processes with one server and the broker, so K + 2
    processes on `cores` cores. The reference load is one caller's (the costs' own conditions), the largest the
    most callers'."""
    entries = rec.get("benchmarks", "oslo", "concurrency", kind="list") if isinstance(
        rec.get("benchmarks", "oslo"), dict) and "concurrency" in rec.get("benchmarks", "oslo") else []
    per_op = {"call": {}, "cast": {}}
    for i, e in enumerate(entries):
        where = f"$.benchmarks.oslo.concurrency[{i}]"
        mode = e.get("mode") if isinstance(e, dict) else None
        if mode not in per_op:
            raise FitError(f"{rec.path}: {where}.mode: expected \"call\" or \"cast\", found {_describe(mode)}")
        k = entry_number(rec, e, where, "callers")
        parts = [rounds_of(rec, e, where, key) for key in CONTENTION_PARTS]
        per_op[mode][k] = median([sum(r) for r in zip(*parts)])
    neutral = {"coefficient": 0.0, "exponent": 1.0}
    if not cores or any(1 not in v or len(v) < 2 for v in per_op.values()):
        return {"reference_processes_per_core": 1.0, "max_processes_per_core": 1.0,
                "call": dict(neutral), "cast": dict(neutral),
                "note": "no benchmarks.oslo.concurrency with one caller and more: no contention"}
    reference = (1 + 2) / cores
    loads = sorted(per_op["call"])
    out = {"reference_processes_per_core": sig(reference), "max_processes_per_core": sig((loads[-1] + 2) / cores)}
    for op, by_k in per_op.items():
        points = [((k + 2) / cores - reference, by_k[k] / by_k[1] - 1.0) for k in sorted(by_k) if k > 1]
        law = contention_law(points, op)
        law["measured"] = {f"{k}_callers": {"processes_per_core": sig((k + 2) / cores),
                                            "cpu_s_per_msg": sig(by_k[k]), "factor": sig(by_k[k] / by_k[1])}
                           for k in sorted(by_k)}
        out[op] = law
    out["counts"] = ("processes deployed on a host (brokers, server replicas, client, publisher and consumer "
                     "instances, servicegroup reporters) over its cores; the recording's: K callers + 1 server + "
                     "the broker on the machine's cores")
    out["formula"] = ("factor = 1 + coefficient x (min(L, max_processes_per_core) - reference_processes_per_core) "
                      "^ exponent for a load L above the reference, else 1; it multiplies every software cost "
                      "(library, broker, codec) of a call's messages (call) or of one-way ones (cast)")
    return out


def fit_direct(rec, codecs):
    out = {}
    notes = {}

    def residual(fam_name, select, codec, server_side, label):
        fam = rec.family(fam_name)
        reply_p = entry_number(rec, fam, f"$.benchmarks.{fam_name}", "reply_payload_bytes")
        results = rec.get("benchmarks", fam_name, "results", kind="list")
        per = {}
        enc, dec = codecs[codec]["encode"], codecs[codec]["decode"]
        key = "server_cpu_s_per_msg" if server_side else "client_cpu_s_per_msg"
        for i, e in enumerate(results):
            if not (isinstance(e, dict) and select(e)) or "rounds" not in e:
                continue
            where = f"$.benchmarks.{fam_name}.results[{i}]"
            p = entry_number(rec, e, where, "payload_bytes")
            codec_cost = (dec.at(p) + enc.at(reply_p)) if server_side else (enc.at(p) + dec.at(reply_p))
            per[p] = [v - codec_cost for v in rounds_of(rec, e, where, key)]
        if not per:
            raise FitError(f"{rec.path}: $.benchmarks.{fam_name}.results: expected entries for {label}, found none")
        side = "server" if server_side else "client"
        what = "decode request + encode reply" if server_side else "encode request + decode reply"
        return clamp(robust_over_sizes(per, f"benchmarks.{fam_name}.results[{label}].rounds[].{key} - {codec} codec "
                                            f"({what}), Theil-Sen over sizes"), f"{label} {side}")

    for kind, name in (("xmlrpc", "xmlrpc"), ("xmlrpc-threaded", "xmlrpc_threaded")):
        sel = (lambda k: lambda e: e.get("server") == k)(kind)
        out[name] = {"client_call": residual("xmlrpc", sel, "xml", False, f"server={kind}"),
                     "server_call": residual("xmlrpc", sel, "xml", True, f"server={kind}")}
    sel_keep = lambda e: e.get("variant") == "keepalive_buffered"  # noqa: E731
    sel_new = lambda e: e.get("variant") == "per_call"  # noqa: E731
    out["jsonrpc"] = {"client_call": residual("jsonrpc", sel_keep, "json", False, "variant=keepalive_buffered"),
                      "server_call": residual("jsonrpc", sel_keep, "json", True, "variant=keepalive_buffered")}
    per_call = {"client_call": residual("jsonrpc", sel_new, "json", False, "variant=per_call"),
                "server_call": residual("jsonrpc", sel_new, "json", True, "variant=per_call")}
    setup = {}
    for side in ("client_call", "server_call"):
        a, b = per_call[side], out["jsonrpc"][side]
        setup[side.split("_")[0]] = clamp(Cost(a.fixed - b.fixed, 0.0, max(a.cv, b.cv),
                                               f"jsonrpc per_call {side} - keepalive_buffered {side} (fixed parts)"),
                                          "connection setup")
    out["http_connection_setup"] = setup
    zmq = rec.family("zmq")
    have = [e for e in zmq.get("results", []) if isinstance(e, dict) and e.get("variant") == "zmq_msgpack"
            and "rounds" in e]
    if have and "msgpack" in codecs:
        sel = lambda e: e.get("variant") == "zmq_msgpack"  # noqa: E731
        out["zerorpc"] = {"client_call": residual("zmq", sel, "msgpack", False, "variant=zmq_msgpack"),
                          "server_call": residual("zmq", sel, "msgpack", True, "variant=zmq_msgpack")}
        notes["zerorpc"] = ("pyzmq DEALER/ROUTER + msgpack events, zerorpc's wire stack without zerorpc (not packaged "
                            "by Debian 12): a lower bound for zerorpc's own cost")
    else:
        notes["zerorpc"] = "not measured (no pyzmq/msgpack on the recording machine)"
    return out, notes


def wire_info(rec):
    out = {}
    try:
        zmq = rec.family("zmq")
    except FitError:
        return out
    for e in zmq.get("results", []):
        if isinstance(e, dict) and e.get("variant") == "tcp_echo" and "rounds" in e:
            lat = [r["latency_mean_s"] for r in e["rounds"]]
            out[f"loopback_tcp_round_trip_{e['payload_bytes']}B_s"] = sig(median(lat))
    return out


def profile_name(rec):
    pk = rec.get("packages")
    oslo = str(pk.get("python3-oslo.messaging") or "")
    rmq = str(pk.get("rabbitmq-server") or "")
    mo = re.match(r"(?:\d+:)?(\d+)", oslo)
    mr = re.match(r"(?:\d+:)?(\d+)\.(\d+)", rmq)
    if not mo or not mr:
        raise FitError(f"{rec.path}: $.packages: expected python3-oslo.messaging and rabbitmq-server versions, found "
                       f"{_describe(oslo)} and {_describe(rmq)}")
    cpu = rec.get("cpu_short_name")
    if not isinstance(cpu, str) or not re.fullmatch(r"[a-z0-9]+", cpu):
        raise FitError(f"{rec.path}: $.cpu_short_name: expected lower-case letters and digits, found {_describe(cpu)}")
    return f"oslo{mo.group(1)}-rabbitmq{mr.group(1)}{mr.group(2)}-{cpu}"


def fit(data, path, recording_bytes=b"", recording_label=None):
    """The profile (a dict ready for json.dumps) for a parsed recording."""
    rec = Rec(data, path)
    if rec.get("format") != "buslab-calibration-run" or rec.get("version") != 1:
        raise FitError(f"{path}: $.format/$.version: expected \"buslab-calibration-run\" version 1, found "
                       f"{_describe(data.get('format'))} version {_describe(data.get('version'))}")
    codecs, loop_rate = fit_codecs(rec)
    broker, amqp_client, broker_checks = fit_broker(rec)
    client, server, broker_msg, m = fit_oslo(rec, codecs)
    direct, direct_notes = fit_direct(rec, codecs)
    oslo_extra = fit_oslo_extra(broker, broker_msg, m)
    env = codecs["oslo_json_envelope"]
    codec_out = codec_profile(rec, codecs)
    checks = dict(broker_checks)
    checks.update(oslo_checks(m, client, server, broker, oslo_extra, env))
    checks.update(dispatch_checks(rec, server, env, m))

    machine = rec.get("machine")
    cpu = machine.get("cpu", {}) if isinstance(machine, dict) else {}
    prof = {
        "format": FORMAT,
        "version": VERSION,
        "name": profile_name(rec),
        "description": "CPU costs of oslo.messaging over RabbitMQ and of Python's direct RPC stacks, measured by "
                       "calibration/run and fitted by calibration/fit (docs/profiles.md)",
        "source": profile_source(data, path, recording_bytes, recording_label),
        "reference_core": reference_core(cpu, loop_rate),
        "units": {"fixed_s": "seconds of CPU on one reference core, per message (or per call)",
                  "per_byte_s": "seconds per payload byte (the compact-JSON size of the arguments)",
                  "cv": "coefficient of variation of the cost across measurement rounds (std / mean)",
                  "size_factor": "encoded bytes per payload byte", "header_bytes": "encoded bytes of an empty payload"},
        "client": {k: v.to_json() for k, v in client.items()},
        "server": {k: v.to_json() for k, v in server.items()},
        "broker": {**{k: v.to_json() for k, v in broker.items()}, "oslo_extra": oslo_extra.to_json()},
        "amqp_client": {k: v.to_json() for k, v in amqp_client.items()},
        "codecs": codec_out,
        "direct": {k: ({s: c.to_json() for s, c in v.items()}) for k, v in direct.items()},
        "notes": {"zerorpc": direct_notes["zerorpc"],
                  "library_costs_exclude_codecs": "client, server and direct costs have the codec's encode/decode "
                                                  "(codecs) subtracted: a model charges both"},
        "behaviour": {"oslo_confirm_publish": True, "oslo_reply_confirm_publish": True,
                      "xmlrpc_listen_backlog": 5, "oslo_executor": "threading", "oslo_executor_workers": 64},
        "measured": {"wire": wire_info(rec), "oslo": oslo_measured(m), "broker_per_oslo_message": {
            k: v.to_json() for k, v in broker_msg.items()}},
        "checks": checks,
        "contention": fit_contention(rec, cpu.get("online_cpus")),
    }
    return prof


def fit_oslo_extra(broker, broker_msg, m):
    """oslo's extra broker work per AMQP publish (request, cast or reply) beyond the raw AMQP decomposition."""
    mid = sorted(m["casts"])[len(m["casts"]) // 2]

    def raw_cycle(p):
        return sum(c.at(p) for c in broker.values())

    extra_cast = broker_msg["cast"].at(mid) - raw_cycle(mid)
    extra_call = (broker_msg["call"].at(mid) - raw_cycle(mid) - raw_cycle(m["reply_bytes"])) / 2
    return clamp(Cost((extra_cast + extra_call) / 2, 0.0, broker_msg["cast"].cv,
                      f"benchmarks.oslo.sequential broker_cpu_s_per_msg at {int(mid)} B (cast; call / 2) minus "
                      "publish + route + deliver + ack + confirm"), "oslo_extra")


def codec_profile(rec, codecs):
    """The profile's codecs: json, xml, msgpack (JSON's costs where not measured) and oslo's envelope."""
    env = codecs["oslo_json_envelope"]
    codec_out = {}
    for name in ("json", "xml", "msgpack"):
        if name in codecs:
            c = codecs[name]
            codec_out[name] = {"encode": c["encode"].to_json(), "decode": c["decode"].to_json(),
                               "size_factor": sig(c["size_factor"]), "header_bytes": int(round(c["header_bytes"]))}
    if "msgpack" not in codec_out:
        j = codecs["json"]
        codec_out["msgpack"] = {"encode": j["encode"].to_json(), "decode": j["decode"].to_json(),
                                "size_factor": 0.7, "header_bytes": 60,
                                "note": "not measurable on the recording machine: JSON's costs"}
    probe = [(e["payload_bytes"], e["body_bytes"]) for e in rec.get("benchmarks", "oslo", "envelope", kind="list")
             if isinstance(e, dict) and isinstance(e.get("body_bytes"), int)]
    if probe:
        env_header, env_factor, _ = linfit(probe)
        env_size_src = "benchmarks.oslo.envelope: body bytes of real casts against payload bytes"
    else:
        env_header, env_factor = env["header_bytes"], env["size_factor"]
        env_size_src = "benchmarks.codecs.results[codec=oslo_json_envelope].encoded_bytes (a call-like message)"
    codec_out["oslo_envelope"] = {"encode": env["encode"].to_json(), "decode": env["decode"].to_json(),
                                  "size_factor": sig(env_factor), "header_bytes": int(round(env_header)),
                                  "size_source": env_size_src,
                                  "note": "oslo's double JSON: the message dict dumped to a string, dumped again "
                                          "in {\"oslo.version\", \"oslo.message\"}; P is the args payload. "
                                          "A call's request adds _msg_id, _reply_q and _timeout (about 120 B)"}
    return codec_out


def dispatch_checks(rec, server, env, m):
    """Calls whose endpoint burns CPU: the server worker's measured CPU against the fitted costs."""
    checks = {}
    for e in rec.get("benchmarks", "oslo", "dispatch", kind="list"):
        spin = e.get("spin_s")
        if isinstance(spin, (int, float)) and spin > 0:
            w = median([r["server_worker_cpu_s_per_msg"] for r in e["rounds"]])
            checks[f"dispatch_spin_{spin * 1e3:g}ms"] = {
                "measured_server_worker_cpu_s": sig(w),
                "predicted_server_worker_cpu_s": sig(server["dispatch"].at(e.get("payload_bytes", 0)) +
                                                     server["reply"].at(0) + env["encode"].at(m["reply_bytes"]) + spin),
                "what": "calls whose endpoint burns spin_s of CPU: dispatch + reply + reply encoding + spin_s"}
    return checks


def profile_source(data, path, recording_bytes, recording_label):
    """Where the profile comes from: the recording, its packages and the machine's load while it ran."""
    load = data.get("load", {})
    return {
        "recording": recording_label or os.path.basename(path),
        "recording_sha256": hashlib.sha256(recording_bytes).hexdigest() if recording_bytes else None,
        "recorded_utc": data.get("date_utc"),
        "harness_mode": data.get("harness", {}).get("mode"),
        "harness_wall_s": sig(data.get("harness", {}).get("wall_s", 0.0), 3),
        "packages": {k: v for k, v in sorted(data.get("packages", {}).items())
                     if k in ("rabbitmq-server", "erlang-base", "python3-oslo.messaging", "python3-kombu",
                              "python3-amqp", "python3", "python3-msgpack", "python3-zmq")},
        "other_processes_cpu_cores": sig(load.get("cpu_during_run", {}).get("foreign_cpu_cores", 0.0), 3),
        "loadavg_before": load.get("loadavg_before"),
        "loadavg_after": load.get("loadavg_after"),
    }


def reference_core(cpu, loop_rate):
    """The measured machine's core, which the profile's seconds are on, and how to scale them to another."""
    return {
        "speed": "1Gf",
        "speed_flops": REFERENCE_SPEED_FLOPS,
        "cpu_model": cpu.get("model_name"),
        "cpu_family_model": f"{cpu.get('family')}/{cpu.get('model')}",
        "mhz": sig(cpu.get("mhz") or 0.0),
        "cores": cpu.get("online_cpus"),
        "virtualized": cpu.get("virtualized"),
        "python_loop_ops_per_s": sig(loop_rate),
        "scaling": "a cost of c seconds takes c * speed_flops / S seconds on a host whose speed is S flop/s; "
                   "a host of speed_flops (the default 1Gf) is one reference core. To describe another machine, "
                   "give its hosts speed = 1Gf x (its python_loop_ops_per_s / this one's)",
    }


def oslo_measured(m):
    out = {}
    for label, table in (("call", m["calls"]), ("cast", m["casts"])):
        for p, rows in sorted(table.items()):
            out[f"{label}_{int(p)}B"] = {"latency_mean_s": sig(median(rows["latency_mean_s"])),
                                         "rate_per_s": sig(median(rows["rate_per_s"])),
                                         "latency_cv": sig(cv(rows["latency_mean_s"]), 3)}
    return out


def oslo_checks(m, client, server, broker, oslo_extra, env):
    """Where the time of a sequential call and cast goes (the decomposition of docs/profiles.md), per size."""
    out = {}
    rp = m["reply_bytes"]

    def broker_leg(p):
        return sum(c.at(p) for c in broker.values()) + oslo_extra.fixed

    for p in sorted(m["calls"]):
        c = m["calls"][p]
        client_cpu = client["send_call"].at(p) + env["encode"].at(p) + client["receive_reply"].at(0) + \
            env["decode"].at(rp)
        server_cpu = server["receive"].at(p) + env["decode"].at(p) + server["dispatch"].at(p) + \
            server["reply"].at(0) + env["encode"].at(rp)
        broker_cpu = broker_leg(p) + broker_leg(rp)
        lat = median(c["latency_mean_s"])
        out[f"call_{int(p)}B"] = {
            "latency_s": sig(lat), "client_cpu_s": sig(client_cpu), "server_cpu_s": sig(server_cpu),
            "broker_cpu_s": sig(broker_cpu), "cpu_sum_s": sig(client_cpu + server_cpu + broker_cpu),
            "rest_s": sig(lat - client_cpu - server_cpu - broker_cpu),
            "measured_cpu_sum_s": sig(median([a + b + s + t + u for a, b, s, t, u in zip(
                c["client_caller_cpu_s_per_msg"], c["client_other_cpu_s_per_msg"], c["server_worker_cpu_s_per_msg"],
                c["server_other_cpu_s_per_msg"], c["broker_cpu_s_per_msg"])])),
            "what": "a sequential call: client send (+ encode) and reply receipt (+ decode), server receive, "
                    "dispatch, reply, broker twice (request and reply: publish, route, deliver, ack, confirm, oslo "
                    "extra); rest = latency - CPU sum: waiting on the wire, wake-ups, thread hand-offs"}
        k = m["casts"][p]
        client_cpu = client["send_cast"].at(p) + env["encode"].at(p)
        lat = median(k["latency_mean_s"])
        out[f"cast_{int(p)}B"] = {
            "latency_s": sig(lat), "client_cpu_s": sig(client_cpu),
            "broker_confirm_path_cpu_s": sig(broker["publish"].at(p) + broker["route"].at(p) +
                                             broker["confirm"].at(p)),
            "rest_s": sig(lat - client_cpu - broker["publish"].at(p) - broker["route"].at(p) -
                          broker["confirm"].at(p)),
            "what": "a cast returns when the broker confirms: client send (+ encode) and the broker's publish, "
                    "route and confirm; rest = waiting"}
    for mode, label, rows in m["mixed"]:
        pm = median(rows["payload_bytes_mean"])
        if mode == "call":
            pred = client["send_call"].at(pm) + env["encode"].at(pm)
        else:
            pred = client["send_cast"].at(pm) + env["encode"].at(pm)
        out[f"{mode}_{label}"] = {"payload_bytes_mean": sig(pm),
                                  "measured_client_caller_cpu_s": sig(median(rows["client_caller_cpu_s_per_msg"])),
                                  "predicted_client_caller_cpu_s": sig(pred),
                                  "what": "sizes drawn from nova's message lengths: the fitted send cost at their "
                                          "mean against the measurement"}
    return out


def write_profile(prof, out_path):
    text = json.dumps(prof, indent=1, sort_keys=True) + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(out_path)) or ".", exist_ok=True)
    with open(out_path, "w") as f:
        f.write(text)
    return text


def load_recording(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise FitError(f"{path}: cannot read: {e.strerror}")
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise FitError(f"{path}: not JSON: {e}")
    if not isinstance(data, dict):
        raise FitError(f"{path}: $: expected an object, found {_describe(data)}")
    return data, raw
