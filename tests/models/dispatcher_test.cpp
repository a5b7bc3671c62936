#include <gtest/gtest.h>

#include "models/rpc/dispatcher.hpp"

namespace buslab {

TEST(RpcVersion, ParsesMajorMinorAndRevision) {
  EXPECT_EQ(parse_rpc_version("2.1")->minor, 1);
  EXPECT_EQ(parse_rpc_version("2.1.3")->revision, 3);
  EXPECT_EQ(parse_rpc_version("3")->major, 3);
  for (const char* bad : {"", "a.b", "1..2", "1.2.3.4", "1.-2", ".1"}) EXPECT_FALSE(parse_rpc_version(bad)) << bad;
}

TEST(RpcVersion, CompatibilityFollowsOslo) {
  const RpcVersion impl{2, 1, 0};
  EXPECT_TRUE(version_is_compatible(impl, {2, 0, 0}));
  EXPECT_TRUE(version_is_compatible(impl, {2, 1, 0}));
  EXPECT_FALSE(version_is_compatible(impl, {2, 2, 0}));  // newer minor
  EXPECT_FALSE(version_is_compatible(impl, {1, 0, 0}));  // other major
  EXPECT_FALSE(version_is_compatible(impl, {2, 1, 1}));  // newer revision at equal minor
  EXPECT_TRUE(version_is_compatible({2, 1, 5}, {2, 1, 3}));
}

// The example server of docs/origins.md section 4: ServerControlEndpoint (namespace "control", version 2.0) with stop,
// and TestEndpoint (no target: namespace None, version 1.0) with test.
TEST(Dispatcher, TheSeedsEndpointsAnswerAsOsloDoes) {
  const std::vector<EndpointSignature> endpoints = {{"control", "2.0", {"stop"}}, {"", "1.0", {"test", "add"}}};
  EXPECT_EQ(dispatch(endpoints, "", "", "test").status, DispatchStatus::Ok);
  EXPECT_EQ(dispatch(endpoints, "", "", "test").endpoint, 1u);
  EXPECT_EQ(dispatch(endpoints, "control", "2.0", "stop").endpoint, 0u);
  EXPECT_EQ(dispatch(endpoints, "", "", "stop").status, DispatchStatus::NoSuchMethod);
  EXPECT_EQ(dispatch(endpoints, "", "2.0", "test").status, DispatchStatus::UnsupportedVersion);
  EXPECT_EQ(dispatch(endpoints, "control", "2.1", "stop").status, DispatchStatus::UnsupportedVersion);
  EXPECT_EQ(dispatch(endpoints, "other", "", "test").status, DispatchStatus::UnsupportedVersion);
  EXPECT_EQ(dispatch(endpoints, "", "1.0", "_private").status, DispatchStatus::NoSuchMethod);
}

TEST(Dispatcher, TheFirstQualifyingEndpointWithTheMethodWins) {
  const std::vector<EndpointSignature> endpoints = {{"", "1.1", {"a"}}, {"", "1.3", {"a", "b"}}, {"", "", {"b"}}};
  EXPECT_EQ(dispatch(endpoints, "", "1.0", "a").endpoint, 0u);
  EXPECT_EQ(dispatch(endpoints, "", "1.2", "a").endpoint, 1u);
  EXPECT_EQ(dispatch(endpoints, "", "1.2", "b").endpoint, 1u);
  EXPECT_EQ(dispatch(endpoints, "", "9.9", "b").endpoint, 2u);  // an endpoint without version takes any
}

}  // namespace buslab
