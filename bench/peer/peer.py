#!/usr/bin/python3
"""The SimPy peer: buslab's benchmark shape as a plain queueing model in SimPy 2.3.1 (Debian 12's python3-simpy).

This is what a Python user would write to get the same queueing without a network model: closed-loop clients, a
service of SERVERS servers with WORKERS requests in service at once each (more wait, FIFO), a constant (or
exponential) service time, round robin. Brokered: requests reach the servers in turn, as a broker queue deals them;
a call takes four hops (client -> broker -> server -> broker -> client). Direct: each client goes round the servers
in turn from a seeded random start; two hops. A hop takes a fixed time, that of one uncontended transfer on
buslab's platform: the latency of the two host links plus size / bandwidth. No bandwidth sharing, no CPU sharing
between servers on one host, no broker CPU, no encoding, no acknowledgements, no accounting.

The broker adds no time, so the two hops client -> broker -> server are one hold of two hops, and the round-robin
choice is made when the request reaches the server: with equal hops, requests reach the broker and the servers in
the same order, so the choice is the same.

SimPy 2.x (the Debian package) is not SimPy 3 or 4: processes are Process subclasses whose generator yields
(hold, self, delay), (request, self, resource), (release, self, resource).

Prints the calls completed and the simulated time, like bench_floor.
"""
import argparse
import random
import sys

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request


class Model:
    def __init__(self, args):
        self.args = args
        self.sim = Simulation()
        self.servers = [Resource(capacity=args.workers, sim=self.sim, name="server%d" % i)
                        for i in range(args.servers)]
        self.next_server = 0  # the broker's round robin
        self.completed = 0
        request_hop = 2 * args.latency + args.request_bytes / args.bandwidth
        reply_hop = 2 * args.latency + args.reply_bytes / args.bandwidth
        hops = 2 if args.mode == "brokered" else 1
        self.to_server = hops * request_hop
        self.to_client = hops * reply_hop


class Client(Process):
    def __init__(self, model, index):
        Process.__init__(self, name="client%d" % index, sim=model.sim)
        self.model = model
        self.rng = random.Random(model.args.seed * 1000003 + index)

    def run(self):
        model = self.model
        args = model.args
        sim = self.sim
        servers = model.servers
        count = len(servers)
        duration = args.duration
        to_server, to_client = model.to_server, model.to_client
        brokered = args.mode == "brokered"
        rng = self.rng
        mean = args.service_time
        exponential = args.service_dist == "exponential"
        mine = rng.randrange(count)  # a direct client's next server
        if args.stagger > 0:
            yield hold, self, rng.uniform(0, args.stagger)
        while sim._t < duration:
            yield hold, self, to_server
            if brokered:
                server = servers[model.next_server]
                model.next_server = (model.next_server + 1) % count
            else:
                server = servers[mine]
                mine = (mine + 1) % count
            yield request, self, server
            yield hold, self, rng.expovariate(1.0 / mean) if exponential else mean
            yield release, self, server
            yield hold, self, to_client
            model.completed += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="requests a server runs at once")
    parser.add_argument("--duration", type=float, default=52.5, help="clients start calls during [0, duration), s")
    parser.add_argument("--mode", choices=["brokered", "direct"], default="brokered")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--service-time", type=float, default=0.010, help="seconds (the mean if exponential)")
    parser.add_argument("--service-dist", choices=["constant", "exponential"], default="constant")
    parser.add_argument("--request-bytes", type=int, default=300)
    parser.add_argument("--reply-bytes", type=int, default=300)
    parser.add_argument("--latency", type=float, default=50e-6, help="each host link, s")
    parser.add_argument("--bandwidth", type=float, default=1.25e9, help="each host link, bytes/s")
    parser.add_argument("--stagger", type=float, default=0.0,
                        help="clients start at seeded uniform dates in [0, stagger), s")
    args = parser.parse_args()
    for name in ("clients", "servers", "workers"):
        if getattr(args, name) < 1:
            parser.error("--%s: expected an integer >= 1, found %d" % (name, getattr(args, name)))
    if args.duration <= 0 or args.service_time <= 0 or args.bandwidth <= 0 or args.latency < 0 or args.stagger < 0:
        parser.error("durations, times and bandwidth must be positive")

    model = Model(args)
    for i in range(args.clients):
        client = Client(model, i)
        model.sim.activate(client, client.run())
    # Until no event is left: the last calls started before `duration` finish.
    model.sim.simulate(until=float("inf"))
    print("calls %d\nsimulated %.6f" % (model.completed, model.sim.now()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
