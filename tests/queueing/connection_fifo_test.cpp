// One connection's frames are handed over in the order they were sent (TCP), whatever their sizes; frames of other
// connections, or of a connection opened again after a restart, are not held back; what is remembered stays bounded.
#include "sim/queueing/connection_fifo.hpp"

#include <gtest/gtest.h>

namespace buslab::queueing {
namespace {

Envelope frame(NodeId from, NodeId to, uint32_t from_epoch = 1, uint32_t to_epoch = 1) {
  return Envelope{.from_node = from, .to_node = to, .to_epoch = to_epoch, .from_epoch = from_epoch};
}

TEST(ConnectionFifo, AFrameArrivesNoEarlierThanTheOneSentBeforeItOnItsConnection) {
  ConnectionFifo fifo;
  // A large frame at t=0 due at 10 ms, then a small one 1 us later that alone would be there at 0.2 ms.
  EXPECT_EQ(fifo.arrival(frame(1, 2), 0.0, 0.010), 0.010);
  EXPECT_EQ(fifo.arrival(frame(1, 2), 1e-6, 0.0002), 0.010);
  // A third that alone comes later than both keeps its own time.
  EXPECT_EQ(fifo.arrival(frame(1, 2), 2e-6, 0.012), 0.012);
}

TEST(ConnectionFifo, OtherConnectionsAreNotHeldBack) {
  ConnectionFifo fifo;
  fifo.arrival(frame(1, 2), 0.0, 0.010);
  EXPECT_EQ(fifo.arrival(frame(3, 2), 0.0, 0.0002), 0.0002);  // another sender to the same receiver
  EXPECT_EQ(fifo.arrival(frame(1, 4), 0.0, 0.0002), 0.0002);  // the same sender to another receiver
  EXPECT_EQ(fifo.arrival(frame(2, 1), 0.0, 0.0002), 0.0002);  // the other direction
}

TEST(ConnectionFifo, AConnectionOpenedAgainAfterARestartOwesNothingToTheOldOne) {
  ConnectionFifo fifo;
  fifo.arrival(frame(1, 2), 0.0, 0.010);
  EXPECT_EQ(fifo.arrival(frame(1, 2, 1, 2), 0.001, 0.0012), 0.0012);  // the receiver restarted
  EXPECT_EQ(fifo.arrival(frame(1, 2, 2, 2), 0.001, 0.0011), 0.0011);  // and then the sender
}

TEST(ConnectionFifo, ConnectionsWhoseFramesWereLostHoldNothingBack) {
  ConnectionFifo fifo;
  fifo.arrival(frame(1, 2), 0.0, 0.010);
  fifo.arrival(frame(3, 4), 0.0, 0.010);
  fifo.forget_if([](NodeId from, NodeId to) { return from == 1 || to == 1; });
  EXPECT_EQ(fifo.arrival(frame(1, 2), 0.001, 0.002), 0.002);
  EXPECT_EQ(fifo.arrival(frame(3, 4), 0.001, 0.002), 0.010);
}

TEST(ConnectionFifo, RemembersOnlyConnectionsWithFramesOnTheWire) {
  // A client calling 100,000 servers in turn, one frame at a time, each there 1 ms after it leaves: at most a few
  // thousand connections are remembered at once (those since the last sweep), not 100,000.
  ConnectionFifo fifo;
  size_t largest = 0;
  for (NodeId server = 1; server <= 100000; ++server) {
    const double now = server * 1e-3;
    EXPECT_EQ(fifo.arrival(frame(0, server), now, now + 1e-3), now + 1e-3);
    largest = std::max(largest, fifo.size());
  }
  EXPECT_LE(largest, 2048u);
}

}  // namespace
}  // namespace buslab::queueing
