#include <gtest/gtest.h>

#include "models/accounting/ledger.hpp"

namespace buslab {

TEST(Ledger, EveryFateIsCountedOnce) {
  Ledger ledger;
  const MsgId a = ledger.create(), b = ledger.create(), c = ledger.create(), d = ledger.create(), e = ledger.create();
  ledger.consume(a);
  ledger.drop(b, DropReason::Unroutable);
  ledger.expire(c);
  ledger.lose(d, LossCause::ProcessCrash);
  ledger.place(e, Place::QueueReady);
  const LedgerTotals t = ledger.totals();
  EXPECT_EQ(t.created, 5u);
  EXPECT_EQ(t.consumed, 1u);
  EXPECT_EQ(t.dropped[static_cast<size_t>(DropReason::Unroutable)], 1u);
  EXPECT_EQ(t.expired, 1u);
  EXPECT_EQ(t.lost[static_cast<size_t>(LossCause::ProcessCrash)], 1u);
  EXPECT_EQ(t.remaining[static_cast<size_t>(Place::QueueReady)], 1u);
  // The tallies, counted as things happened, say the same as the entries.
  EXPECT_EQ(ledger.created(), 5u);
  EXPECT_EQ(ledger.ended(), 4u);
}

TEST(Ledger, ASecondFateIsAViolation) {
  Ledger ledger;
  const MsgId a = ledger.create();
  ledger.consume(a);
  EXPECT_THROW(ledger.consume(a), LedgerViolation);
  EXPECT_THROW(ledger.lose(a, LossCause::Network), LedgerViolation);
  EXPECT_THROW(ledger.place(a, Place::InTransit), LedgerViolation);
  EXPECT_EQ(ledger.fate(a), Fate::Consumed);
  EXPECT_EQ(ledger.ended(), 1u);  // the refused fates were not counted
}

TEST(Ledger, UnknownMessagesAreViolations) {
  Ledger ledger;
  EXPECT_THROW(ledger.consume(1), LedgerViolation);
  EXPECT_THROW(ledger.fate(0), LedgerViolation);
}

TEST(Ledger, NewMessagesStartAtTheirSender) {
  Ledger ledger;
  const MsgId a = ledger.create();
  EXPECT_EQ(ledger.place_of(a), Place::Sender);
  ledger.place(a, Place::InService);
  EXPECT_EQ(ledger.place_of(a), Place::InService);
  EXPECT_EQ(ledger.totals().remaining[static_cast<size_t>(Place::InService)], 1u);
}

}  // namespace buslab
