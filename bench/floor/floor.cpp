// bench_floor: the plain SimGrid s4u program that buslab's benchmark shapes are measured against (bench/README.md).
//
// Closed-loop clients call a service of `servers` servers, each running up to `workers` requests at once (more
// wait in its backlog, FIFO). Brokered: client -> broker -> server -> broker -> client, the broker an actor
// that deals requests round-robin to the servers and passes replies back: 4 transfers and one execution per call.
// Direct: client -> server -> client, each client going round the servers in turn from a seeded random start:
// 2 transfers and one execution. The platform is buslab's: a star, each host with its own full-duplex link to the
// switch (latency, bandwidth), SimGrid's CM02 network model.
//
// Every mailbox has its actor as permanent receiver (Mailbox::set_receiver), as buslab's do: a message is
// transferred as soon as it is sent, like bytes into a socket's receive buffer. Without it a SimGrid mailbox is a
// rendezvous, the transfer starts only when the receiver asks for it, and a broker receiving one message at a
// time would serialise every transfer behind the one before (1,000 clients: ~200 ms per call instead of 10).
//
// Nothing else: no encoding, no broker CPU, no acknowledgements, no accounting, no trace. What a buslab call costs
// above this is the price of what buslab models and records.
//
// Prints the calls completed and the simulated time; exit code 0, or 1 on a bad argument.
#include <cstdint>
#include <deque>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <simgrid/s4u.hpp>

namespace {

namespace sg4 = simgrid::s4u;

struct Options {
  int clients = 16;
  int servers = 4;
  int workers = 4;  // requests a server runs at once
  double duration = 52.5;
  std::string mode = "brokered";
  uint64_t seed = 1;
  int client_hosts = 4;
  int client_cores = 4;
  int server_hosts = 4;
  int server_cores = 4;
  int broker_cores = 8;
  double speed = 10e9;  // flop/s per core
  double service_time = 0.010;
  std::string service_dist = "constant";  // or "exponential" (mean service_time)
  uint64_t request_bytes = 300;           // buslab's json codec: 100 B of arguments + 200 B of headers
  uint64_t reply_bytes = 300;
  double latency = 50e-6;     // each host link
  double bandwidth = 1.25e9;  // bytes/s, each host link (10 Gbps)
  double stagger = 0.0;       // each client's first call at a seeded uniform date in [0, stagger)
  bool count_activities = false;
};

// --count-activities: SimGrid's signals count what the run took, to set beside bench_activity_count's figures for
// buslab. Off by default: a connected signal costs a call per activity.
struct ActivityCounts {
  uint64_t transfers = 0;
  uint64_t executions = 0;
  uint64_t time_steps = 0;
};

// One call's message, request then reply: the same object travels the whole round trip.
struct Call {
  int client;
  bool is_reply;
};

struct Shared {
  Options opt;
  bool brokered = true;
  sg4::Mailbox* broker = nullptr;
  std::vector<sg4::Mailbox*> client_boxes;
  std::vector<sg4::Mailbox*> server_boxes;
  uint64_t completed = 0;
};

void client(Shared& s, int id) {
  sg4::Mailbox* inbox = s.client_boxes[id];
  inbox->set_receiver(sg4::Actor::self());
  std::mt19937_64 rng(s.opt.seed * 1000003 + static_cast<uint64_t>(id));
  size_t next_server = std::uniform_int_distribution<size_t>(0, s.server_boxes.size() - 1)(rng);
  if (s.opt.stagger > 0) sg4::this_actor::sleep_for(std::uniform_real_distribution<double>(0, s.opt.stagger)(rng));
  while (sg4::Engine::get_clock() < s.opt.duration) {
    sg4::Mailbox* to = s.broker;
    if (!s.brokered) {
      to = s.server_boxes[next_server];
      next_server = (next_server + 1) % s.server_boxes.size();
    }
    to->put_init(new Call{id, false}, s.opt.request_bytes)->detach();
    std::unique_ptr<Call> reply(inbox->get<Call>());
    ++s.completed;
  }
}

// Requests go to the servers in turn, as a RabbitMQ queue deals to its consumers; replies go back to their client.
void broker(Shared& s) {
  size_t next_server = 0;
  s.broker->set_receiver(sg4::Actor::self());
  for (;;) {
    Call* call = s.broker->get<Call>();
    if (call->is_reply) {
      s.client_boxes[call->client]->put_init(call, s.opt.reply_bytes)->detach();
    } else {
      s.server_boxes[next_server]->put_init(call, s.opt.request_bytes)->detach();
      next_server = (next_server + 1) % s.server_boxes.size();
    }
  }
}

// One actor per server, as in buslab: it waits on its pending receive and its running executions at once.
void server(Shared& s, int id) {
  sg4::Mailbox* inbox = s.server_boxes[id];
  inbox->set_receiver(sg4::Actor::self());
  std::mt19937_64 rng(s.opt.seed * 7919 + static_cast<uint64_t>(id));
  std::exponential_distribution<double> exponential(1.0 / s.opt.service_time);
  const bool constant = s.opt.service_dist == "constant";
  const double flops_per_second = sg4::this_actor::get_host()->get_speed();
  std::deque<Call*> backlog;
  std::vector<Call*> running;
  std::vector<sg4::ActivityPtr> activities;  // [pending receive, running executions in `running`'s order]
  Call* received = nullptr;
  sg4::CommPtr receive = inbox->get_async<Call>(&received);
  activities.push_back(receive);
  const auto start = [&](Call* call) {
    const double seconds = constant ? s.opt.service_time : exponential(rng);
    activities.push_back(sg4::this_actor::exec_init(seconds * flops_per_second)->start());
    running.push_back(call);
  };
  for (;;) {
    const ssize_t index = sg4::Activity::wait_any(activities);
    if (index == 0) {
      if (running.size() < static_cast<size_t>(s.opt.workers))
        start(received);
      else
        backlog.push_back(received);
      receive = inbox->get_async<Call>(&received);
      activities[0] = receive;
      continue;
    }
    Call* done = running[index - 1];
    running.erase(running.begin() + (index - 1));
    activities.erase(activities.begin() + index);
    done->is_reply = true;
    sg4::Mailbox* to = s.brokered ? s.broker : s.client_boxes[done->client];
    to->put_init(done, s.opt.reply_bytes)->detach();
    if (!backlog.empty()) {
      start(backlog.front());
      backlog.pop_front();
    }
  }
}

// A star: every host has its own split-duplex link to the switch, as buslab's platform builds it.
std::vector<sg4::Host*> add_hosts(sg4::NetZone* zone, const Options& opt, const std::string& group, int count,
                                  int cores) {
  std::vector<sg4::Host*> hosts;
  for (int i = 1; i <= count; ++i) {
    const std::string name = count == 1 && group == "rabbit" ? group : fmt::format("{}{}", group, i);
    sg4::Host* host = zone->create_host(name, opt.speed);
    host->set_core_count(cores);
    host->seal();
    sg4::Link* link = zone->create_split_duplex_link(name + "_link", opt.bandwidth);
    link->set_latency(opt.latency);
    link->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                    {sg4::LinkInRoute(link, sg4::LinkInRoute::Direction::UP)}, true);
    hosts.push_back(host);
  }
  return hosts;
}

// The command line: every field of Options, its default shown in --help.
void add_options(CLI::App& app, Options& opt) {
  const auto option = [&app](const char* name, auto& value, const char* what, const CLI::Validator& check) {
    app.add_option(name, value, what)->check(check)->capture_default_str();
  };
  const CLI::Range count(1, 1000000);
  option("--clients", opt.clients, "Closed-loop clients, one call in flight each", count);
  option("--servers", opt.servers, "Servers", count);
  option("--workers", opt.workers, "Requests a server runs at once", count);
  option("--duration", opt.duration, "Clients start calls during [0, duration), seconds", CLI::PositiveNumber);
  option("--mode", opt.mode, "brokered or direct", CLI::IsMember({"brokered", "direct"}));
  option("--seed", opt.seed, "Seeds the clients' start dates, direct first servers, exponential service times",
         CLI::NonNegativeNumber);
  option("--client-hosts", opt.client_hosts, "Client hosts (clients placed round-robin)", count);
  option("--client-cores", opt.client_cores, "Cores per client host", count);
  option("--server-hosts", opt.server_hosts, "Server hosts (servers placed round-robin)", count);
  option("--server-cores", opt.server_cores, "Cores per server host", count);
  option("--broker-cores", opt.broker_cores, "Cores of the broker host", count);
  option("--speed", opt.speed, "Flop/s per core", CLI::PositiveNumber);
  option("--service-time", opt.service_time, "Service time on one core, seconds (the mean if exponential)",
         CLI::PositiveNumber);
  option("--service-dist", opt.service_dist, "constant or exponential", CLI::IsMember({"constant", "exponential"}));
  option("--request-bytes", opt.request_bytes, "Request size on the wire", CLI::NonNegativeNumber);
  option("--reply-bytes", opt.reply_bytes, "Reply size on the wire", CLI::NonNegativeNumber);
  option("--latency", opt.latency, "Latency of each host's link, seconds", CLI::NonNegativeNumber);
  option("--bandwidth", opt.bandwidth, "Bandwidth of each host's link, bytes/s", CLI::PositiveNumber);
  option("--stagger", opt.stagger, "Clients start at seeded uniform dates in [0, stagger), seconds",
         CLI::NonNegativeNumber);
  app.add_flag("--count-activities", opt.count_activities,
               "Also print the transfers, executions and simulated-time steps per call");
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  CLI::App app{"The floor: a plain SimGrid s4u program of buslab's benchmark shape (bench/README.md)."};
  add_options(app, opt);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }

  std::vector<std::string> args = {argv[0], "--log=root.thres:critical", "--log=xbt_cfg.thres:critical",
                                   "--cfg=network/model:CM02"};
  std::vector<char*> engine_argv;
  for (auto& a : args) engine_argv.push_back(a.data());
  int engine_argc = static_cast<int>(engine_argv.size());
  sg4::Engine engine(&engine_argc, engine_argv.data());

  auto* zone = sg4::create_star_zone("floor");
  const auto client_hosts = add_hosts(zone, opt, "client", opt.client_hosts, opt.client_cores);
  const auto broker_host = add_hosts(zone, opt, "rabbit", 1, opt.broker_cores);
  const auto server_hosts = add_hosts(zone, opt, "compute", opt.server_hosts, opt.server_cores);
  zone->seal();

  Shared shared;
  shared.opt = opt;
  shared.brokered = opt.mode == "brokered";
  shared.broker = sg4::Mailbox::by_name("broker");
  for (int i = 0; i < opt.clients; ++i) shared.client_boxes.push_back(sg4::Mailbox::by_name(fmt::format("c{}", i)));
  for (int i = 0; i < opt.servers; ++i) shared.server_boxes.push_back(sg4::Mailbox::by_name(fmt::format("s{}", i)));

  // The broker and the servers serve forever (daemons); the run ends when the last client has its last reply.
  if (shared.brokered) sg4::Actor::create("broker", broker_host.front(), [&] { broker(shared); })->daemonize();
  for (int i = 0; i < opt.servers; ++i)
    sg4::Actor::create(fmt::format("server{}", i), server_hosts[i % server_hosts.size()], [&shared, i] {
      server(shared, i);
    })->daemonize();
  for (int i = 0; i < opt.clients; ++i)
    sg4::Actor::create(fmt::format("client{}", i), client_hosts[i % client_hosts.size()],
                       [&shared, i] { client(shared, i); });
  ActivityCounts counts;
  if (opt.count_activities) {
    sg4::Comm::on_send_cb([&counts](const sg4::Comm&) { ++counts.transfers; });
    sg4::Exec::on_start_cb([&counts](const sg4::Exec&) { ++counts.executions; });
    sg4::Engine::on_time_advance_cb([&counts](double) { ++counts.time_steps; });
  }
  engine.run();

  std::cout << fmt::format("calls {}\nsimulated {:.6f}\n", shared.completed, sg4::Engine::get_clock());
  if (opt.count_activities && shared.completed > 0) {
    const double per = 1.0 / static_cast<double>(shared.completed);
    std::cout << fmt::format("transfers {} ({:.2f} per call)\nexecutions {} ({:.2f} per call)\n", counts.transfers,
                             counts.transfers * per, counts.executions, counts.executions * per);
    std::cout << fmt::format("time steps {} ({:.2f} per call)\n", counts.time_steps, counts.time_steps * per);
  }
  return 0;
}
