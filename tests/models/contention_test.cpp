// The contention law (models/core/contention.hpp) against factors computed by hand: 1 + coefficient x excess ^
// exponent, where excess = min(processes / cores, max) - reference, and 1 at or below the reference load.
#include <gtest/gtest.h>

#include "models/core/contention.hpp"

namespace buslab {
namespace {

// Reference 0.75 processes per core, measured up to 6.75; calls grow as the square root of the excess, casts
// linearly.
Contention law() {
  Contention c;
  c.reference_processes_per_core = 0.75;
  c.max_processes_per_core = 6.75;
  c.call = {0.4, 0.5};
  c.cast = {0.1, 1.0};
  return c;
}

TEST(Contention, AHostAtOrBelowTheReferenceLoadPaysNothingMore) {
  EXPECT_EQ(contention_factor(law(), law().call, 3, 4), 1.0);  // 0.75 per core: the reference
  EXPECT_EQ(contention_factor(law(), law().call, 1, 4), 1.0);
  EXPECT_EQ(contention_factor(law(), law().cast, 0, 1), 1.0);
}

TEST(Contention, AboveItTheFactorFollowsTheLawOfTheMessagesKind) {
  // 3 processes on 1 core: excess 2.25; calls 1 + 0.4 x 1.5 = 1.6, casts 1 + 0.1 x 2.25 = 1.225.
  EXPECT_DOUBLE_EQ(contention_factor(law(), law().call, 3, 1), 1.6);
  EXPECT_DOUBLE_EQ(contention_factor(law(), law().cast, 3, 1), 1.225);
  // 6 processes on 2 cores is the same load.
  const ContentionFactors f = contention_factors(law(), 6, 2);
  EXPECT_DOUBLE_EQ(f.call, 1.6);
  EXPECT_DOUBLE_EQ(f.cast, 1.225);
  EXPECT_DOUBLE_EQ(f.of(CostOp::Call), 1.6);
  EXPECT_DOUBLE_EQ(f.of(CostOp::Cast), 1.225);
}

TEST(Contention, BeyondTheLargestMeasuredLoadTheFactorStaysThere) {
  // 6.75 per core: excess 6; calls 1 + 0.4 x sqrt(6), casts 1.6; 100 processes on 1 core gives the same.
  const double call = 1.0 + 0.4 * 2.449489742783178;
  EXPECT_DOUBLE_EQ(contention_factor(law(), law().call, 27, 4), call);
  EXPECT_DOUBLE_EQ(contention_factor(law(), law().call, 100, 1), call);
  EXPECT_DOUBLE_EQ(contention_factor(law(), law().cast, 100, 1), 1.6);
}

TEST(Contention, ANeutralLawChangesNothing) {
  Contention c = law();
  c.call.coefficient = 0.0;
  EXPECT_EQ(contention_factor(c, c.call, 100, 1), 1.0);
  EXPECT_EQ(contention_factors(Contention{}, 100, 1).cast, 1.0);
}

TEST(Contention, AMessageBelongsToACallWhenItIsACallsRequestOrAReply) {
  Message m;
  EXPECT_EQ(cost_op_of(m), CostOp::Cast) << "no RPC call: a raw publish or a notification";
  m.rpc.call = 3;
  m.rpc.mode = RpcMode::Call;
  EXPECT_EQ(cost_op_of(m), CostOp::Call);
  m.rpc.mode = RpcMode::Cast;
  EXPECT_EQ(cost_op_of(m), CostOp::Cast);
  m.kind = MsgKind::Reply;
  EXPECT_EQ(cost_op_of(m), CostOp::Call);
}

}  // namespace
}  // namespace buslab
