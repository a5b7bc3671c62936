// A valid scenario runs whatever order it declares its services in: a method calling a direct service (XML-RPC,
// JSON-RPC, zerorpc, ideal) declared after its own service reaches that service's replicas, and the run is the one
// the other order gives (the oracle: the same scenario with the callee declared first).
#include <gtest/gtest.h>

#include <string>

#include "tests/support/sim_support.hpp"

namespace buslab {
namespace {

// A client calls front.get 10 times; each get spends 10 ms, then calls back.lookup (20 ms). `back_first` puts back
// before front in the list.
std::string nested(const std::string& transport, bool back_first) {
  const std::string back = R"({"name": "back", "transport": ")" + transport +
                           R"(", "hosts": ["c"], "methods": {"lookup": {"service_time": "20ms"}}})";
  const std::string front = R"({"name": "front", "transport": ")" + transport + R"(", "hosts": ["b"],
     "methods": {"get": {"service_time": "10ms", "steps": [{"service": "back", "method": "lookup"}]}}})";
  return R"({"duration": "1s", "drain": "5s",
    "platform": {"hosts": [{"name": "a"}, {"name": "b"}, {"name": "c"}]},
    "services": [)" +
         (back_first ? back + "," + front : front + "," + back) + R"(],
    "clients": [{"name": "api", "host": "a", "service": "front", "method": "get",
                 "arrival": {"kind": "fixed", "count": 10, "interval": "100ms"}}]})";
}

class DeclarationOrder : public ::testing::TestWithParam<const char*> {};

TEST_P(DeclarationOrder, ACalleeDeclaredLaterIsReached) {
  const auto later = testing::run_json(nested(GetParam(), false));
  const auto& get = testing::client_method(later, "api", "get");
  EXPECT_EQ(get["completed"], 10);
  EXPECT_EQ(get["failed"], 0);
  EXPECT_EQ(get["timed_out"], 0);
  // The same run as with the callee declared first: same latencies to the last digit.
  const auto first = testing::run_json(nested(GetParam(), true));
  const auto& get_first = testing::client_method(first, "api", "get");
  EXPECT_EQ(get["latency_s"], get_first["latency_s"]);
  // Each get waited for its lookup: at least 10 ms + 20 ms of service.
  EXPECT_GE(get["latency_s"]["p50"].get<double>(), 0.030);
}

INSTANTIATE_TEST_SUITE_P(DirectProtocols, DeclarationOrder,
                         ::testing::Values("direct", "xmlrpc", "xmlrpc-threaded", "jsonrpc", "zerorpc"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace buslab
