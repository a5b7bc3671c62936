// gen_trace: writes a synthetic but plausible trace.json (docs/trace-format.md) of about N hops, for loading and
// drawing benchmarks of buslab-viz and for tests that must not depend on the simulator. Deterministic: the same
// options give the same bytes.
//
// The model is a small event-driven toy, not the simulator: clients issue Poisson calls to one service; brokered,
// a request goes client -> exchange -> queue -> server (credit = workers, acked when served) and the reply comes
// back through the default exchange and the client's reply queue; direct, requests go straight to a random server.
// One server is killed at 40% of the run and restarted at 60%; the load is 85% of full capacity, so with one
// server of four down the queue (or the survivors' backlogs) grow, and calls caught in the crash time out.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <numeric>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

namespace {

struct Options {
  uint64_t hops = 100000;
  std::string out;
  uint64_t seed = 1;
  std::string variant = "brokered";
  int clients = 8;
  int servers = 4;
  int workers = 8;
  double service_mean = 0.010;
  double timeout = 2.0;
};

struct Hop {
  uint64_t msg, call;
  const char* kind;
  int from, to;
  double t_send, t_recv;  // NaN: lost
  uint64_t bytes;
  bool method;  // carries the RPC method name
  const char* status;
};
struct Event {
  double t;
  int lane;
  const char* type;
  int64_t value;
  uint64_t call;
};
struct Call {
  uint64_t id;
  int client;
  double t_start, t_end = NAN;
  std::string outcome = "pending";
  int server = -1;
};
struct Lane {
  std::string name, kind, host, extra;
};

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_(o.seed) {}

  void run() {
    build_lanes();
    const bool brokered = o_.variant == "brokered";
    const double hops_per_call = brokered ? 8.0 : 2.0;
    const auto calls = static_cast<uint64_t>(std::ceil(static_cast<double>(o_.hops) / hops_per_call));
    const double capacity = o_.servers * o_.workers / o_.service_mean;
    const double rate = 0.85 * capacity / o_.clients;  // per client
    duration_ = static_cast<double>(calls) / (rate * o_.clients);
    for (const int lane : up_lanes_) event(0, lane, "up", 1);
    // Clients: Poisson arrivals until the call budget is spent.
    for (int c = 0; c < o_.clients; ++c)
      schedule(exponential(1 / rate), [this, c, rate, brokered] { client_tick(c, rate, brokered); });
    const int victim = servers_[1 % servers_.size()];
    schedule(0.4 * duration_, [this, victim] { kill(victim); });
    schedule(0.6 * duration_, [this, victim, brokered] { restart(victim, brokered); });
    if (brokered)
      for (double t = 1; t < duration_; t += 1)
        for (const int s : servers_)
          schedule(t, [this, s] {
            if (alive_[s]) hop(0, 0, "heartbeat", s, broker_, now_, now_ + latency(20), 20, false);
          });
    call_budget_ = calls;
    while (!agenda_.empty()) {
      Item item = agenda_.top();
      agenda_.pop();
      now_ = item.t;
      item.fn();
    }
    for (auto& c : calls_)
      if (c.outcome == "pending" && std::isnan(c.t_end)) c.outcome = "pending";
  }

  void write(const std::string& path) const {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error(fmt::format("{}: cannot write", path));
    std::string buf;
    const auto flush = [&] {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    };
    const auto num = [](double v) { return std::isnan(v) ? std::string("null") : fmt::format("{}", v); };
    buf += fmt::format(
        "{{\"format\":\"buslab-trace\",\"version\":1,\"scenario\":\"synthetic\",\"variant\":\"{}\",\"seed\":{},"
        "\"sim_time_s\":{},\n\"lanes\":[",
        o_.variant, o_.seed, num(now_));
    for (size_t i = 0; i < lanes_.size(); ++i)
      buf += fmt::format("{}\n{{\"id\":{},\"name\":\"{}\",\"kind\":\"{}\",\"host\":\"{}\"{}}}", i ? "," : "", i,
                         lanes_[i].name, lanes_[i].kind, lanes_[i].host, lanes_[i].extra);
    std::vector<size_t> order(hops_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return hops_[a].t_send < hops_[b].t_send || (hops_[a].t_send == hops_[b].t_send && hops_[a].msg < hops_[b].msg);
    });
    buf +=
        "],\n\"hop_fields\":[\"msg\",\"call\",\"kind\",\"from\",\"to\",\"t_send\",\"t_recv\",\"bytes\",\"method\","
        "\"status\"],\n\"hops\":[";
    for (size_t i = 0; i < order.size(); ++i) {
      const Hop& h = hops_[order[i]];
      buf += fmt::format("{}\n[{},{},\"{}\",{},{},{},{},{},\"{}\",\"{}\"]", i ? "," : "", h.msg, h.call, h.kind, h.from,
                         h.to, num(h.t_send), num(h.t_recv), h.bytes, h.method ? "add" : "", h.status);
      if (buf.size() > (1 << 20)) flush();
    }
    std::vector<size_t> eorder(events_.size());
    std::iota(eorder.begin(), eorder.end(), size_t{0});
    std::stable_sort(eorder.begin(), eorder.end(), [&](size_t a, size_t b) {
      return events_[a].t < events_[b].t || (events_[a].t == events_[b].t && events_[a].lane < events_[b].lane);
    });
    buf += "],\n\"event_fields\":[\"t\",\"lane\",\"type\",\"value\",\"call\"],\n\"events\":[";
    for (size_t i = 0; i < eorder.size(); ++i) {
      const Event& e = events_[eorder[i]];
      buf += fmt::format("{}\n[{},{},\"{}\",{},{}]", i ? "," : "", num(e.t), e.lane, e.type, e.value, e.call);
      if (buf.size() > (1 << 20)) flush();
    }
    buf +=
        "],\n\"call_fields\":[\"call\",\"client\",\"method\",\"mode\",\"t_start\",\"t_end\",\"outcome\",\"server\"],"
        "\n\"calls\":[";
    for (size_t i = 0; i < calls_.size(); ++i) {
      const Call& c = calls_[i];
      buf += fmt::format("{}\n[{},{},\"add\",\"call\",{},{},\"{}\",{}]", i ? "," : "", c.id, c.client, num(c.t_start),
                         num(c.t_end), c.outcome, c.server);
      if (buf.size() > (1 << 20)) flush();
    }
    buf += "]}\n";
    flush();
    if (std::fclose(f) != 0) throw std::runtime_error(fmt::format("{}: cannot write", path));
  }

  size_t hop_count() const { return hops_.size(); }

 private:
  struct Item {
    double t;
    uint64_t seq;
    std::function<void()> fn;
    bool operator<(const Item& o) const { return t > o.t || (t == o.t && seq > o.seq); }
  };
  struct Pending {  // a request waiting in the queue
    uint64_t msg, call;
    int client;
  };

  int lane(std::string name, std::string kind, std::string host, std::string extra = "") {
    lanes_.push_back(Lane{std::move(name), std::move(kind), std::move(host), std::move(extra)});
    return static_cast<int>(lanes_.size() - 1);
  }

  void build_lanes() {
    const bool brokered = o_.variant == "brokered";
    const int client_hosts = std::max(1, o_.clients / 4);
    for (int h = 1; h <= client_hosts; ++h)
      up_lanes_.push_back(lane(fmt::format("client{}", h), "host", fmt::format("client{}", h)));
    if (brokered) up_lanes_.push_back(lane("rabbit", "host", "rabbit"));
    for (int s = 1; s <= o_.servers; ++s)
      up_lanes_.push_back(lane(fmt::format("compute{}", s), "host", fmt::format("compute{}", s)));
    if (brokered) {
      broker_ = lane("rabbit", "broker", "rabbit");
      up_lanes_.push_back(broker_);
      exchange_ = lane("rabbit/x/openstack", "exchange", "rabbit", ",\"broker\":\"rabbit\"");
      default_exchange_ = lane("rabbit/x/(default)", "exchange", "rabbit", ",\"broker\":\"rabbit\"");
      queue_ = lane("rabbit/q/compute", "queue", "rabbit", ",\"broker\":\"rabbit\"");
    }
    for (int s = 1; s <= o_.servers; ++s) {
      const int id = lane(fmt::format("compute-{}", s), "server", fmt::format("compute{}", s),
                          fmt::format(",\"service\":\"compute\",\"workers\":{}", o_.workers));
      servers_.push_back(id);
      up_lanes_.push_back(id);
    }
    for (int c = 1; c <= o_.clients; ++c) {
      const int id = lane(fmt::format("api-{}", c), "client", fmt::format("client{}", (c - 1) % client_hosts + 1));
      clients_.push_back(id);
      up_lanes_.push_back(id);
      if (brokered)
        reply_queues_.push_back(
            lane(fmt::format("rabbit/q/reply_api-{}", c), "queue", "rabbit", ",\"broker\":\"rabbit\""));
    }
    const size_t n = lanes_.size();
    alive_.assign(n, true);
    busy_.assign(n, 0);
    credit_.assign(n, o_.workers);
    backlog_.resize(n);
    epoch_.assign(n, 0);
  }

  double uniform() { return (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53; }
  double exponential(double mean) { return -std::log(uniform()) * mean; }
  double latency(uint64_t bytes) { return 100e-6 + static_cast<double>(bytes) / 1.25e9; }
  uint64_t payload() { return 800 + (rng_() % 4000); }

  void schedule(double t, std::function<void()> fn) { agenda_.push(Item{t, seq_++, std::move(fn)}); }
  void event(double t, int lane, const char* type, int64_t value, uint64_t call = 0) {
    events_.push_back(Event{t, lane, type, value, call});
  }
  // Records a hop; the callback runs when it arrives (never, if its receiver is down by then).
  void hop(uint64_t msg, uint64_t call, const char* kind, int from, int to, double t_send, double t_recv,
           uint64_t bytes, bool method, std::function<void()> on_arrival = {}) {
    const size_t index = hops_.size();
    hops_.push_back(Hop{msg, call, kind, from, to, t_send, t_recv, bytes, method, "ok"});
    schedule(t_recv, [this, index, to, on_arrival] {
      if (!alive_[to]) {
        hops_[index].t_recv = NAN;
        hops_[index].status = "lost";
        return;
      }
      if (on_arrival) on_arrival();
    });
  }

  void client_tick(int c, double rate, bool brokered) {
    if (issued_ >= call_budget_) return;
    ++issued_;
    const uint64_t call = calls_.size() + 1;
    const int client = clients_[c];
    calls_.push_back(Call{call, client, now_});
    const uint64_t msg = ++msg_ids_;
    const uint64_t bytes = payload();
    const double t_send = now_ + 20e-6;
    if (brokered) {
      hop(msg, call, "request", client, exchange_, t_send, t_send + latency(bytes), bytes, true, [=, this] {
        hop(msg, call, "route", exchange_, queue_, now_ + 10e-6, now_ + 11e-6, bytes, true, [=, this] {
          queued_.push_back(Pending{msg, call, c});
          event(now_, queue_, "depth", static_cast<int64_t>(queued_.size()));
          dispatch();
        });
      });
    } else {
      const int server = servers_[rng_() % servers_.size()];
      hop(msg, call, "request", client, server, t_send, t_send + latency(bytes), bytes, true, [=, this] {
        arrive_direct(server, Pending{msg, call, c});
      });
    }
    schedule(now_ + o_.timeout, [this, call, client] {
      Call& rec = calls_[call - 1];
      if (rec.outcome != "pending") return;
      rec.outcome = "timeout";
      rec.t_end = now_;
      event(now_, client, "timeout", 0, call);
    });
    schedule(now_ + exponential(1 / rate), [this, c, rate, brokered] { client_tick(c, rate, brokered); });
  }

  // Brokered: deliver queued requests round-robin to live servers with credit left.
  void dispatch() {
    while (!queued_.empty()) {
      int chosen = -1;
      for (size_t k = 0; k < servers_.size() && chosen < 0; ++k) {
        const int s = servers_[(next_server_ + k) % servers_.size()];
        if (alive_[s] && credit_[s] > 0) {
          chosen = s;
          next_server_ = (next_server_ + k + 1) % servers_.size();
        }
      }
      if (chosen < 0) return;
      const Pending p = queued_.front();
      queued_.pop_front();
      --credit_[chosen];
      event(now_, queue_, "depth", static_cast<int64_t>(queued_.size()));
      const uint64_t bytes = 1500;
      const double t_send = now_ + 8e-6;
      const size_t index = hops_.size();
      hop(p.msg, p.call, "delivery", queue_, chosen, t_send, t_send + latency(bytes), bytes, true,
          [=, this] { serve(chosen, p, true); });
      in_flight_.push_back({chosen, index, p});
    }
  }

  void arrive_direct(int server, const Pending& p) {
    if (busy_[server] < o_.workers) return serve(server, p, false);
    backlog_[server].push_back(p);
    event(now_, server, "backlog", static_cast<int64_t>(backlog_[server].size()));
  }

  void serve(int server, const Pending& p, bool brokered) {
    const uint64_t epoch = epoch_[server];
    ++busy_[server];
    event(now_, server, "busy", busy_[server]);
    event(now_, server, "service_start", 0, p.call);
    calls_[p.call - 1].server = server;
    schedule(now_ + exponential(o_.service_mean), [=, this] {
      if (!alive_[server] || epoch_[server] != epoch) return;  // died with the server
      --busy_[server];
      event(now_, server, "busy", busy_[server]);
      event(now_, server, "service_end", 0, p.call);
      const uint64_t reply = ++msg_ids_;
      const int client = clients_[p.client];
      const double t = now_ + 10e-6;
      if (brokered) {
        hop(0, p.call, "ack", server, queue_, t, t + latency(80), 80, false, [=, this] {
          if (epoch_[server] == epoch) ++credit_[server];
          dispatch();
        });
        const int rq = reply_queues_[p.client];
        hop(reply, p.call, "reply", server, default_exchange_, t, t + latency(400), 400, true, [=, this] {
          hop(reply, p.call, "route", default_exchange_, rq, now_ + 10e-6, now_ + 11e-6, 400, true, [=, this] {
            event(now_, rq, "depth", 1);
            const double td = now_ + 8e-6;
            event(td, rq, "depth", 0);
            hop(reply, p.call, "delivery", rq, client, td, td + latency(400), 400, true, [=, this] {
              hop(0, p.call, "ack", client, rq, now_, now_ + latency(80), 80, false);
              finish(p.call);
            });
          });
        });
      } else {
        hop(reply, p.call, "reply", server, client, t, t + latency(400), 400, true, [=, this] { finish(p.call); });
        if (!backlog_[server].empty()) {
          const Pending next = backlog_[server].front();
          backlog_[server].pop_front();
          event(now_, server, "backlog", static_cast<int64_t>(backlog_[server].size()));
          serve(server, next, false);
        }
      }
    });
  }

  void finish(uint64_t call) {
    Call& rec = calls_[call - 1];
    if (rec.outcome != "pending") return;  // a late reply
    rec.outcome = "ok";
    rec.t_end = now_ + 15e-6;
  }

  void kill(int server) {
    event(now_, server, "kill", 0);
    event(now_, server, "down", 0);
    alive_[server] = false;
    ++epoch_[server];
    busy_[server] = 0;
    event(now_, server, "busy", 0);
    backlog_[server].clear();
    // Deliveries still on the wire to it are requeued by the broker, as unacknowledged messages are.
    for (const auto& f : in_flight_) {
      if (f.server == server && hops_[f.hop].t_recv > now_) {
        queued_.push_back(f.pending);
        event(now_, queue_, "depth", static_cast<int64_t>(queued_.size()));
      }
    }
    in_flight_.clear();
  }

  void restart(int server, bool brokered) {
    event(now_, server, "restart", 0);
    event(now_, server, "up", 1);
    alive_[server] = true;
    credit_[server] = o_.workers;
    if (brokered) dispatch();
  }

  struct InFlight {
    int server;
    size_t hop;
    Pending pending;
  };

  Options o_;
  std::mt19937_64 rng_;
  std::priority_queue<Item> agenda_;
  uint64_t seq_ = 0;
  double now_ = 0;
  double duration_ = 0;
  uint64_t call_budget_ = 0, issued_ = 0, msg_ids_ = 0;
  std::vector<Lane> lanes_;
  std::vector<int> up_lanes_, servers_, clients_, reply_queues_;
  int broker_ = -1, exchange_ = -1, default_exchange_ = -1, queue_ = -1;
  size_t next_server_ = 0;
  std::vector<bool> alive_;
  std::vector<int> busy_, credit_;
  std::vector<uint64_t> epoch_;
  std::vector<std::deque<Pending>> backlog_;
  std::deque<Pending> queued_;
  std::vector<InFlight> in_flight_;
  std::vector<Hop> hops_;
  std::vector<Event> events_;
  std::vector<Call> calls_;
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"gen_trace: write a synthetic buslab trace.json (for benchmarks and tests)"};
  app.add_option("--hops", o.hops, "About this many hops")->check(CLI::Range(uint64_t{1}, uint64_t{100000000}));
  app.add_option("--out", o.out, "Output file")->required();
  app.add_option("--seed", o.seed, "Random seed");
  app.add_option("--variant", o.variant, "brokered or direct")->check(CLI::IsMember({"brokered", "direct"}));
  app.add_option("--clients", o.clients, "Client instances")->check(CLI::Range(1, 1000));
  app.add_option("--servers", o.servers, "Servers")->check(CLI::Range(2, 1000));
  app.add_option("--workers", o.workers, "Workers per server")->check(CLI::Range(1, 1000));
  CLI11_PARSE(app, argc, argv);
  try {
    Generator g(o);
    g.run();
    g.write(o.out);
    std::printf("%s: %zu hops\n", o.out.c_str(), g.hop_count());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gen_trace: %s\n", e.what());
    return 1;
  }
  return 0;
}
