"""calibration/fit on a synthetic recording whose costs are known: the decomposition must give them back.

Run from the repository root: python3 -m unittest discover -s calibration/tests
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CAL = os.path.dirname(HERE)
sys.path.insert(0, CAL)

import fitting  # noqa: E402

SCALES = (0.9, 1.0, 1.1)  # three rounds; every measured figure is scaled alike, so medians are the truth
REPLY = 256

# the truth: (fixed seconds, seconds per payload byte)
CODEC = {"json": ((1e-6, 4e-9), (0.5e-6, 3e-9), 1.0, 0),
         "xml": ((2e-6, 2e-8), (3e-6, 1e-7), 3.8, 80),
         "msgpack": ((0.2e-6, 1.5e-9), (0.3e-6, 2e-9), 0.7, 12),
         "oslo_json_envelope": ((3e-6, 5e-9), (3e-6, 4e-9), 1.13, 440)}
BROKER = {"publish": (10e-6, 1e-9), "route": (4e-6, 0.0), "deliver": (8e-6, 2e-9), "ack": (10e-6, 0.0),
          "confirm": (40e-6, 0.0)}
OSLO_EXTRA = 50e-6
CLIENT = {"send_call": (200e-6, 2e-8), "send_cast": (130e-6, 1.5e-8), "receive_reply": (140e-6, 0.0)}
SERVER = {"receive": (200e-6, 1e-8), "dispatch": (15e-6, 0.0), "reply": (180e-6, 0.0)}
HEARTBEAT = 5e-6  # client CPU outside the calling thread that is not the reply's
DIRECT = {"xmlrpc": ((120e-6, 5e-10), (100e-6, 8e-9)), "xmlrpc_threaded": ((140e-6, 0.0), (230e-6, 1e-9)),
          "jsonrpc": ((60e-6, 0.0), (50e-6, 0.0)), "zerorpc": ((23e-6, 7e-10), (24e-6, 6e-10))}
SETUP = {"client": 95e-6, "server": 165e-6}


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def at(c, p):
    return c[0] + c[1] * p


def rounds(**figures):
    return [{k: v * s for k, v in figures.items()} for s in SCALES]


def enc(codec, p):
    return at(CODEC[codec][0], p)


def dec(codec, p):
    return at(CODEC[codec][1], p)


def raw_cycle(p):
    return sum(at(c, p) for c in BROKER.values())


def synthetic():
    codecs = []
    for name, (e, d, factor, header) in CODEC.items():
        for p in (64, 1024, 4096, 11292):
            codecs.append({"codec": name, "payload_bytes": p, "encoded_bytes": int(factor * p + header),
                           "rounds": rounds(encode_cpu_s=at(e, p), decode_cpu_s=at(d, p))})
    amqp = []
    for p in (256, 2450, 8192):
        b = {k: at(v, p) for k, v in BROKER.items()}
        phases = {"publish": b["publish"] + b["route"], "consume_noack": b["deliver"],
                  "consume_ack": b["deliver"] + b["ack"], "publish_confirm": b["publish"] + b["route"] + b["confirm"],
                  "publish_unroutable": b["publish"], "stream_confirm_ack": sum(b.values())}
        for ph, v in phases.items():
            amqp.append({"phase": ph, "payload_bytes": p, "rounds": rounds(broker_cpu_s_per_msg=v,
                                                                            client_cpu_s_per_msg=20e-6)})
    for q in (1, 2, 4):
        amqp.append({"phase": f"fanout_{q}", "payload_bytes": 2450,
                     "rounds": rounds(broker_cpu_s_per_msg=at(BROKER["publish"], 2450) + q * BROKER["route"][0],
                                      client_cpu_s_per_msg=15e-6)})
    seq = []
    for p in (100, 1024, 2450, 11292):
        call = dict(payload_bytes_mean=p,
                    client_caller_cpu_s_per_msg=at(CLIENT["send_call"], p) + enc("oslo_json_envelope", p),
                    client_other_cpu_s_per_msg=at(CLIENT["receive_reply"], p) + dec("oslo_json_envelope", REPLY)
                    + HEARTBEAT,
                    server_other_cpu_s_per_msg=at(SERVER["receive"], p) + dec("oslo_json_envelope", p),
                    server_worker_cpu_s_per_msg=at(SERVER["dispatch"], p) + at(SERVER["reply"], p)
                    + enc("oslo_json_envelope", REPLY),
                    broker_cpu_s_per_msg=raw_cycle(p) + raw_cycle(REPLY) + 2 * OSLO_EXTRA,
                    latency_mean_s=2e-3, rate_per_s=500.0)
        cast = dict(payload_bytes_mean=p,
                    client_caller_cpu_s_per_msg=at(CLIENT["send_cast"], p) + enc("oslo_json_envelope", p),
                    client_other_cpu_s_per_msg=HEARTBEAT,
                    server_other_cpu_s_per_msg=at(SERVER["receive"], p) + dec("oslo_json_envelope", p),
                    server_worker_cpu_s_per_msg=at(SERVER["dispatch"], p),
                    broker_cpu_s_per_msg=raw_cycle(p) + OSLO_EXTRA, latency_mean_s=0.5e-3, rate_per_s=2000.0)
        size = {"label": f"fixed-{p}", "kind": "fixed", "bytes": p}
        seq.append({"mode": "call", "size": size, "rounds": rounds(**call)})
        seq.append({"mode": "cast", "size": size, "rounds": rounds(**cast)})

    def direct_rows(name, codec, p, extra_client=0.0, extra_server=0.0):
        c, s = DIRECT[name]
        return rounds(client_cpu_s_per_msg=at(c, p) + enc(codec, p) + dec(codec, REPLY) + extra_client,
                      server_cpu_s_per_msg=at(s, p) + dec(codec, p) + enc(codec, REPLY) + extra_server,
                      latency_mean_s=1e-3)

    sizes = (100, 1024, 2450, 8192)
    xml = [{"server": k, "payload_bytes": p, "rounds": direct_rows(n, "xml", p)}
           for k, n in (("xmlrpc", "xmlrpc"), ("xmlrpc-threaded", "xmlrpc_threaded")) for p in sizes]
    jrpc = [{"variant": "keepalive_buffered", "payload_bytes": p, "rounds": direct_rows("jsonrpc", "json", p)}
            for p in sizes]
    jrpc += [{"variant": "per_call", "payload_bytes": p,
              "rounds": direct_rows("jsonrpc", "json", p, SETUP["client"], SETUP["server"])} for p in sizes]
    zmq = [{"variant": "zmq_msgpack", "payload_bytes": p, "rounds": direct_rows("zerorpc", "msgpack", p)}
           for p in sizes]
    zmq.append({"variant": "tcp_echo", "payload_bytes": 64, "rounds": rounds(latency_mean_s=20e-6)})
    envelope = [{"payload_bytes": p, "body_bytes": int(1.13 * p + 143)} for p in (100, 2450, 11292)]
    return {
        "format": "buslab-calibration-run", "version": 1, "name": "synthetic", "date_utc": "2000-01-01T00:00:00Z",
        "cpu_short_name": "synth3000",
        "packages": {"python3-oslo.messaging": "14.0.3-0+deb12u1", "rabbitmq-server": "3.10.8-1.1+deb12u1"},
        "machine": {"cpu": {"model_name": "Synthetic", "mhz": 3000.0, "online_cpus": 2}},
        "harness": {"mode": "full", "wall_s": 300.0},
        "load": {"loadavg_before": [0.1, 0.1, 0.1], "loadavg_after": [1.0, 0.5, 0.2]},
        "benchmarks": {
            "codecs": {"status": "ok", "results": codecs,
                       "reference_loop": {"summary": {"ops_per_s": {"median": 8e6}}}},
            "amqp": {"status": "ok", "results": amqp},
            "oslo": {"status": "ok", "reply_payload_bytes": REPLY, "sequential": seq, "envelope": envelope,
                     "dispatch": [{"spin_s": 0.001, "payload_bytes": 2450, "rounds": rounds(
                         server_worker_cpu_s_per_msg=at(SERVER["dispatch"], 0) + at(SERVER["reply"], 0)
                         + enc("oslo_json_envelope", REPLY) + 0.001)}]},
            "xmlrpc": {"status": "ok", "reply_payload_bytes": REPLY, "results": xml},
            "jsonrpc": {"status": "ok", "reply_payload_bytes": REPLY, "results": jrpc},
            "zmq": {"status": "ok", "reply_payload_bytes": REPLY, "results": zmq},
        },
    }


class FitDecomposition(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rec = synthetic()
        cls.prof = fitting.fit(copy.deepcopy(cls.rec), "synthetic.json", b"x", "synthetic.json")

    def assertCost(self, got, truth, what):
        for key, want in (("fixed_s", truth[0]), ("per_byte_s", truth[1])):
            self.assertAlmostEqual(got[key], want, delta=abs(want) * 2e-3 + 1e-12, msg=f"{what}.{key}")

    def test_codecs(self):
        for name in ("json", "xml", "msgpack"):
            e, d, factor, header = CODEC[name]
            c = self.prof["codecs"][name]
            self.assertCost(c["encode"], e, f"{name}.encode")
            self.assertCost(c["decode"], d, f"{name}.decode")
            self.assertAlmostEqual(c["size_factor"], factor, delta=0.01)
            self.assertLessEqual(abs(c["header_bytes"] - header), 1)
        env = self.prof["codecs"]["oslo_envelope"]
        self.assertAlmostEqual(env["size_factor"], 1.13, delta=0.01)
        self.assertLessEqual(abs(env["header_bytes"] - 143), 1)

    def test_broker(self):
        for k, v in BROKER.items():
            self.assertCost(self.prof["broker"][k], v, f"broker.{k}")
        self.assertCost(self.prof["broker"]["oslo_extra"], (OSLO_EXTRA, 0.0), "broker.oslo_extra")

    def test_oslo_libraries(self):
        for k, v in CLIENT.items():
            self.assertCost(self.prof["client"][k], v, f"client.{k}")
        for k, v in SERVER.items():
            self.assertCost(self.prof["server"][k], v, f"server.{k}")

    def test_direct(self):
        for name, (c, s) in DIRECT.items():
            self.assertCost(self.prof["direct"][name]["client_call"], c, f"direct.{name}.client_call")
            self.assertCost(self.prof["direct"][name]["server_call"], s, f"direct.{name}.server_call")
        for side, v in SETUP.items():
            self.assertCost(self.prof["direct"]["http_connection_setup"][side], (v, 0.0), f"setup.{side}")

    def test_variability(self):
        # every figure varies by +-10 % across the three rounds: cv = 0.1 for every cost measured directly; a cost
        # left after subtracting a steady codec cost varies more than the figure it comes from
        self.assertAlmostEqual(self.prof["codecs"]["json"]["encode"]["cv"], 0.1, delta=1e-3)
        self.assertAlmostEqual(self.prof["broker"]["deliver"]["cv"], 0.1, delta=1e-3)
        self.assertGreater(self.prof["server"]["receive"]["cv"], 0.1)

    def test_checks_close_the_decomposition(self):
        chk = self.prof["checks"]
        self.assertAlmostEqual(chk["stream_confirm_ack_2450B"]["measured_broker_cpu_s"],
                               chk["stream_confirm_ack_2450B"]["predicted_broker_cpu_s"], delta=1e-8)
        # the measured sum also holds the client's heartbeat thread, which no part of the decomposition charges
        self.assertAlmostEqual(chk["call_2450B"]["cpu_sum_s"] + HEARTBEAT, chk["call_2450B"]["measured_cpu_sum_s"],
                               delta=1e-8)
        self.assertAlmostEqual(chk["dispatch_spin_1ms"]["measured_server_worker_cpu_s"],
                               chk["dispatch_spin_1ms"]["predicted_server_worker_cpu_s"], delta=1e-8)

    def test_reference_core_and_name(self):
        self.assertEqual(self.prof["name"], "oslo14-rabbitmq310-synth3000")
        self.assertEqual(self.prof["reference_core"]["speed_flops"], 1e9)
        self.assertEqual(self.prof["format"], "buslab-profile")


class FitCommand(unittest.TestCase):
    def run_fit(self, rec_text, tmp, name="rec.json"):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(rec_text)
        out = os.path.join(tmp, "profile.json")
        r = subprocess.run([sys.executable, os.path.join(CAL, "fit"), path, "--out", out], capture_output=True,
                           text=True)
        return r, out

    def test_same_input_same_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            text = json.dumps(synthetic())
            r1, out = self.run_fit(text, tmp)
            self.assertEqual(r1.returncode, 0, r1.stderr)
            first = read_bytes(out)
            r2, out = self.run_fit(text, tmp)
            self.assertEqual(r2.returncode, 0, r2.stderr)
            self.assertEqual(first, read_bytes(out))

    def test_bad_input_names_file_and_path(self):
        rec = synthetic()
        del rec["benchmarks"]["oslo"]["sequential"][3]["rounds"][1]["server_worker_cpu_s_per_msg"]
        with tempfile.TemporaryDirectory() as tmp:
            r, _ = self.run_fit(json.dumps(rec), tmp, "broken.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn("broken.json", r.stderr)
            self.assertIn("$.benchmarks.oslo.sequential[3].rounds[1].server_worker_cpu_s_per_msg", r.stderr)
            self.assertIn("expected a number", r.stderr)
            r, _ = self.run_fit("{not json", tmp, "garbage.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn("garbage.json: not JSON", r.stderr)

    def test_failed_family_is_refused(self):
        rec = synthetic()
        rec["benchmarks"]["amqp"] = {"status": "timeout"}
        with tempfile.TemporaryDirectory() as tmp:
            r, _ = self.run_fit(json.dumps(rec), tmp)
            self.assertEqual(r.returncode, 2)
            self.assertIn('$.benchmarks.amqp.status: expected "ok", found "timeout"', r.stderr)


class ShippedProfiles(unittest.TestCase):
    """The profiles in data/profiles are what calibration/fit makes of the recording they name."""

    def test_shipped_profiles_are_reproducible(self):
        repo = os.path.dirname(CAL)
        pdir = os.path.join(repo, "data", "profiles")
        if not os.path.isdir(pdir):
            self.skipTest("no data/profiles")
        for name in sorted(os.listdir(pdir)):
            prof = json.loads(read_bytes(os.path.join(pdir, name)))
            rec = (prof.get("source") or {}).get("recording")
            if not rec:
                continue  # hand-written (ideal)
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "p.json")
                r = subprocess.run([sys.executable, os.path.join(CAL, "fit"), os.path.join(repo, rec), "--out", out],
                                   capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(read_bytes(out), read_bytes(os.path.join(pdir, name)), name)


class FitContention(unittest.TestCase):
    """benchmarks.oslo.concurrency made from known laws (K callers + server + broker on the synthetic 2 cores) gives
    those laws back; a recording without it gives no contention."""

    LAWS = {"call": (0.3, 0.5), "cast": (0.05, 1.2)}

    def concurrency(self):
        out = []
        for k in (1, 4, 16):
            for mode, (coefficient, exponent) in self.LAWS.items():
                excess = (k + 2) / 2 - 1.5
                f = 1 + coefficient * excess ** exponent if excess > 0 else 1.0
                base = 1.2e-3 if mode == "call" else 0.5e-3
                out.append({"callers": k, "mode": mode, "payload_bytes": 2450, "rounds": rounds(
                    client_cpu_s_per_msg=0.4 * base * f, server_cpu_s_per_msg=0.35 * base * f,
                    broker_cpu_s_per_msg=0.25 * base * f)})
        return out

    def test_laws_come_back(self):
        rec = synthetic()
        rec["benchmarks"]["oslo"]["concurrency"] = self.concurrency()
        c = fitting.fit(rec, "synthetic.json")["contention"]
        self.assertEqual((c["reference_processes_per_core"], c["max_processes_per_core"]), (1.5, 9.0))
        for op, (coefficient, exponent) in self.LAWS.items():
            self.assertAlmostEqual(c[op]["coefficient"], coefficient, delta=coefficient * 1e-3, msg=op)
            self.assertAlmostEqual(c[op]["exponent"], exponent, delta=exponent * 1e-3, msg=op)
            self.assertAlmostEqual(c[op]["measured"]["4_callers"]["factor"],
                                   1 + coefficient * 1.5 ** exponent, delta=1e-3, msg=op)

    def test_no_concurrency_no_contention(self):
        c = fitting.fit(synthetic(), "synthetic.json")["contention"]
        self.assertEqual((c["call"]["coefficient"], c["cast"]["coefficient"]), (0.0, 0.0))
        self.assertIn("no contention", c["note"])

    def test_ideal_has_none(self):
        ideal = json.loads(read_bytes(os.path.join(os.path.dirname(CAL), "data", "profiles", "ideal.json")))
        c = ideal["contention"]
        self.assertEqual((c["call"]["coefficient"], c["cast"]["coefficient"]), (0.0, 0.0))


class ContentionDocs(unittest.TestCase):
    """The contention figures docs/profiles.md and docs/scenario.md quote are the shipped profile's."""

    def quoted(self, text, doc):
        self.assertTrue(text in doc, f"the docs should say: {text}")

    def test_docs_quote_the_shipped_laws(self):
        repo = os.path.dirname(CAL)
        name = "oslo14-rabbitmq310-epyc2600"
        c = json.loads(read_bytes(os.path.join(repo, "data", "profiles", name + ".json")))["contention"]
        # Text wrapped over lines reads as one line.
        profiles = " ".join(read_bytes(os.path.join(repo, "docs", "profiles.md")).decode().split())
        scenario = " ".join(read_bytes(os.path.join(repo, "docs", "scenario.md")).decode().split())

        def g3(x):
            return f"{x:.3g}"

        call, cast = c["call"], c["cast"]
        self.quoted(f"calls coefficient {g3(call['coefficient'])}, exponent {g3(call['exponent'])}", profiles)
        self.quoted(f"casts {g3(cast['coefficient'])} and {g3(cast['exponent'])}", profiles)
        m_call, m_cast = call["measured"], cast["measured"]
        ms = [f"{m_call[f'{k}_callers']['cpu_s_per_msg'] * 1e3:.2f}" for k in (1, 4, 16)]
        self.quoted(f"{ms[0]} ms with 1 caller, {ms[1]} ms with 4, {ms[2]} ms with 16", profiles)
        ms = [f"{m_cast[f'{k}_callers']['cpu_s_per_msg'] * 1e3:.2f}" for k in (1, 4, 16)]
        self.quoted(f"per cast {ms[0]}, {ms[1]} and {ms[2]} ms", profiles)
        f = {op: [f"{c[op]['measured'][f'{k}_callers']['factor']:.2f}" for k in (4, 16)] for op in ("call", "cast")}
        self.quoted(f"({f['cast'][0]} at 3 processes per core, {f['cast'][1]} at 9)", profiles)
        self.quoted(f"calls about x{f['call'][0]} above 1.5 processes per core, casts x{f['cast'][0]} at 3 and "
                    f"x{f['cast'][1]} at 9", scenario)


class IdealProfile(unittest.TestCase):
    """data/profiles/ideal.json has every cost a fitted profile has, all zero."""

    def test_same_costs_as_a_fitted_profile_all_zero(self):
        ideal = json.loads(read_bytes(os.path.join(os.path.dirname(CAL), "data", "profiles", "ideal.json")))
        fitted = fitting.fit(synthetic(), "synthetic.json")

        def costs(node, path=""):
            if isinstance(node, dict) and "fixed_s" in node:
                return {path: node}
            out = {}
            if isinstance(node, dict):
                for k, v in node.items():
                    out.update(costs(v, f"{path}.{k}"))
            return out

        sections = ("client", "server", "broker", "amqp_client", "codecs", "direct")
        want = {k for sec in sections for k in costs(fitted[sec], sec)}
        got = costs({sec: ideal[sec] for sec in sections})
        self.assertEqual(want, {k[1:] for k in got})
        for path, c in got.items():
            self.assertEqual((c["fixed_s"], c["per_byte_s"]), (0.0, 0.0), path)
        self.assertEqual((ideal["format"], ideal["version"], ideal["name"]), (fitted["format"], 1, "ideal"))


class ReadmeTables(unittest.TestCase):
    """calibration/README.md holds exactly what calibration/summary prints for the recording and profile it names."""

    def test_readme_matches_summary(self):
        repo = os.path.dirname(CAL)
        text = read_bytes(os.path.join(CAL, "README.md")).decode()
        begin = "<!-- calibration/summary "
        start = text.find(begin)
        if start < 0:
            self.skipTest("no summary block in calibration/README.md")
        head_end = text.index("-->", start)
        args = text[start + len(begin):head_end].split()
        end = text.index("<!-- end of calibration/summary -->", head_end)
        block = text[head_end + len("-->"):end].strip("\n")
        r = subprocess.run([sys.executable, os.path.join(CAL, "summary")] + [os.path.join(repo, a) for a in args],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(block, r.stdout.strip("\n"))


if __name__ == "__main__":
    unittest.main()
