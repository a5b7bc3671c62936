#include "sim/output/scenario_summary.hpp"

#include <cmath>

#include <fmt/format.h>

namespace buslab {

namespace {

// 1200 -> "1,200"; 37.5 -> "37.5".
std::string grouped(double value) {
  if (value != std::floor(value) || std::fabs(value) >= 1e15) return fmt::format("{:g}", value);
  const std::string digits = fmt::format("{:.0f}", std::fabs(value));
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string duration(double seconds) {
  if (seconds >= 1.0 || seconds == 0.0) return fmt::format("{:g} s", seconds);
  if (seconds >= 1e-3) return fmt::format("{:g} ms", seconds * 1e3);
  return fmt::format("{:g} us", seconds * 1e6);
}

std::string arrival(const ArrivalSpec& a) {
  switch (a.kind) {
    case ArrivalKind::Poisson:
      return fmt::format("Poisson {}/s", grouped(a.rate));
    case ArrivalKind::Closed:
      return fmt::format("closed loop, {} outstanding", a.outstanding);
    case ArrivalKind::Fixed:
      return fmt::format("{} every {}", a.count, duration(a.interval));
  }
  return "";
}

template <typename Group>
std::string groups(const char* noun, const std::vector<Group>& list) {
  if (list.empty()) return "";
  std::string out = noun;
  double poisson_total = 0;
  bool all_poisson = true;
  for (size_t i = 0; i < list.size(); ++i) {
    const Group& g = list[i];
    out += fmt::format("{} {}: {} x {}", i ? "," : "", g.name, g.count, arrival(g.arrival));
    all_poisson = all_poisson && g.arrival.kind == ArrivalKind::Poisson;
    poisson_total += g.arrival.rate * g.count;
  }
  if (all_poisson && (list.size() > 1 || list.front().count > 1))
    out += fmt::format(" ({}/s in all)", grouped(poisson_total));
  return out;
}

}  // namespace

std::string scenario_summary(const Scenario& s) {
  std::vector<std::string> parts;
  if (auto c = groups("clients", s.clients); !c.empty()) parts.push_back(c);
  if (auto p = groups("publishers", s.publishers); !p.empty()) parts.push_back(p);
  if (!s.services.empty()) {
    std::string servers = "servers";
    for (size_t i = 0; i < s.services.size(); ++i)
      servers += fmt::format("{} {} x{}", i ? "," : "", s.services[i].name, s.services[i].replicas);
    parts.push_back(servers);
  }
  parts.push_back(fmt::format("{} of load, then up to {} to drain", duration(s.duration), duration(s.drain)));
  if (!s.faults.empty()) parts.push_back(fmt::format("{} fault{}", s.faults.size(), s.faults.size() == 1 ? "" : "s"));
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

}  // namespace buslab
