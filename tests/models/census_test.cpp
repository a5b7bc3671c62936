// The end-of-run books (models/accounting/census.hpp): the ledger's tallies and places against a census of what
// is held, counted apart. Each broken ledger here is one a model bug would make: a message forgotten without a
// fate, one held twice, one held after its fate, one said to be where it is not.
#include <gtest/gtest.h>

#include "models/accounting/census.hpp"

namespace buslab {

namespace {

// A small run's ledger: one consumed, one dropped, one on the wire, one queued, one in a server.
struct Books {
  Ledger ledger;
  MsgId on_wire = 0, queued = 0, in_server = 0;
  Books() {
    ledger.consume(ledger.create());
    ledger.drop(ledger.create(), DropReason::Unroutable);
    on_wire = ledger.create();
    ledger.place(on_wire, Place::InTransit);
    queued = ledger.create();
    ledger.place(queued, Place::QueueReady);
    in_server = ledger.create();
    ledger.place(in_server, Place::InService);
  }
  // What the holders would say when the models kept their books right.
  static Census honest() {
    Census c;
    c.on_the_wire = 1;
    c.queued = 1;
    c.in_servers = 1;
    return c;
  }
};

bool mentions(const std::vector<std::string>& problems, const std::string& words) {
  for (const auto& p : problems)
    if (p.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(Census, HonestBooksBalance) {
  Books b;
  EXPECT_TRUE(compare_books(b.ledger, Books::honest()).empty());
}

TEST(Census, AMessageForgottenWithoutAFateIsFound) {
  Books b;
  Census c = Books::honest();
  c.on_the_wire = 0;  // a node let the frame's message go and told the ledger nothing
  const auto problems = compare_books(b.ledger, c);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_TRUE(mentions(problems,
                       "5 messages were created, 2 met their fate and the processes and the network hold "
                       "2: 1 unaccounted for"));
  EXPECT_TRUE(mentions(problems, "the ledger has 1 messages on the wire, 0 are"));
}

TEST(Census, AMessageHeldAfterItsFateIsFound) {
  Books b;
  b.ledger.consume(b.in_server);  // consumed, yet the server still holds it (a double count)
  const auto problems = compare_books(b.ledger, Books::honest());
  EXPECT_TRUE(mentions(problems, "hold 3: 1 held more than once or after their fate"));
  EXPECT_TRUE(mentions(problems, "the ledger has 0 messages in servers and consumers, 1 are"));
}

TEST(Census, AMessageHeldTwiceIsFound) {
  Books b;
  Census c = Books::honest();
  c.queued = 2;  // a copy routed to a second queue without an entry of its own
  EXPECT_TRUE(mentions(compare_books(b.ledger, c), "the ledger has 1 messages ready in queues, 2 are"));
}

TEST(Census, AMessageInTheWrongPlaceIsFound) {
  Books b;
  b.ledger.place(b.queued, Place::QueueUnacked);  // said to wait for an ack the broker does not expect
  const auto problems = compare_books(b.ledger, Books::honest());
  ASSERT_EQ(problems.size(), 2u);  // the totals agree; two places do not
  EXPECT_TRUE(mentions(problems, "1 messages delivered and unacknowledged, kept by brokers, 0 are"));
  EXPECT_TRUE(mentions(problems, "0 messages ready in queues, 1 are"));
}

TEST(Census, ABrokersDeliveryCountsAsItsOwnOnlyWhenNoProcessHoldsItAndItIsLive) {
  Ledger ledger;
  const MsgId waiting = ledger.create(), at_server = ledger.create(), done = ledger.create();
  ledger.place(waiting, Place::QueueUnacked);  // delivered, the frame on its way: the broker's
  ledger.place(at_server, Place::InService);   // the server has it: the broker's copy is a shadow
  ledger.consume(done);                        // its ack has not reached the broker yet
  EXPECT_EQ(unacked_held_by_brokers(ledger, {waiting, at_server, done, waiting}, {at_server}), 1u);
}

}  // namespace buslab
