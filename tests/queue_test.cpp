#include <gtest/gtest.h>

#include "models/broker/queue.hpp"

namespace buslab::broker {

namespace {

MessagePtr message(MsgId id, double expires_at = kNever) {
  auto m = std::make_unique<Message>();
  m->id = id;
  m->amqp.expires_at = expires_at;
  return m;
}

std::vector<MsgId> ready_ids(Queue& q) {
  // Drains the queue through a throwaway auto-ack consumer to read its order.
  std::vector<MsgId> ids;
  const ConsumerId reader = q.add_consumer(999, 0, 0, true);
  while (auto d = q.next_delivery()) {
    if (d->node != 999) continue;
    ids.push_back(d->message->id);
  }
  q.remove_consumer(reader);
  return ids;
}

}  // namespace

TEST(Queue, DealsRoundRobinWhateverTheConsumersLoad) {
  Queue q(0, "compute", 0);
  q.add_consumer(1, 0, 0, false);
  q.add_consumer(2, 0, 0, false);
  q.add_consumer(3, 0, 0, false);
  for (MsgId id = 1; id <= 7; ++id) q.enqueue(message(id));
  std::vector<NodeId> to;
  while (auto d = q.next_delivery()) to.push_back(d->node);
  EXPECT_EQ(to, (std::vector<NodeId>{1, 2, 3, 1, 2, 3, 1}));
  EXPECT_EQ(q.unacked(), 7u);
  EXPECT_EQ(q.ready(), 0u);
}

TEST(Queue, PrefetchBlocksAFullConsumerAndSkipsIt) {
  Queue q(0, "work", 0);
  q.add_consumer(1, 0, 1, false);
  q.add_consumer(2, 0, 2, false);
  for (MsgId id = 1; id <= 5; ++id) q.enqueue(message(id));
  std::vector<std::pair<NodeId, uint64_t>> got;
  while (auto d = q.next_delivery()) got.emplace_back(d->node, d->tag);
  // Consumer 1 takes one, consumer 2 two; then both windows are full.
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].first, 1u);
  EXPECT_EQ(got[1].first, 2u);
  EXPECT_EQ(got[2].first, 2u);
  EXPECT_EQ(q.ready(), 2u);
  EXPECT_FALSE(q.deliverable());
  // An ack from consumer 1 opens its window again: it gets the next message.
  ASSERT_NE(q.ack(got[0].second), nullptr);
  auto next = q.next_delivery();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->node, 1u);
  EXPECT_EQ(next->message->id, 4u);
}

TEST(Queue, AnUnknownTagIsNotAcked) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 0, false);
  q.enqueue(message(1));
  auto d = q.next_delivery();
  ASSERT_TRUE(d);
  EXPECT_EQ(q.ack(d->tag + 100), nullptr);
  EXPECT_NE(q.ack(d->tag), nullptr);
  EXPECT_EQ(q.ack(d->tag), nullptr);  // a second ack of the same tag finds nothing
}

TEST(Queue, ConnectionLossRequeuesInOriginalPositionsFlaggedRedelivered) {
  Queue q(0, "q", 0);
  const ConsumerId a = q.add_consumer(1, 0, 2, false);
  q.add_consumer(2, 0, 1, false);
  for (MsgId id = 1; id <= 6; ++id) q.enqueue(message(id));
  // a gets 1 and 3, b gets 2; 4, 5, 6 stay ready.
  std::vector<MsgId> delivered;
  while (auto d = q.next_delivery()) delivered.push_back(d->message->id);
  ASSERT_EQ(delivered, (std::vector<MsgId>{1, 2, 3}));
  const std::vector<Message*> requeued = q.remove_consumer(a);
  ASSERT_EQ(requeued.size(), 2u);
  for (Message* m : requeued) EXPECT_TRUE(m->amqp.redelivered);
  EXPECT_EQ(q.ready(), 5u);
  EXPECT_EQ(q.unacked(), 1u);
  EXPECT_EQ(ready_ids(q), (std::vector<MsgId>{1, 3, 4, 5, 6}));
}

TEST(Queue, RejectWithRequeueReturnsToPositionWithoutLeavesTheQueue) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 0, false);
  for (MsgId id = 1; id <= 3; ++id) q.enqueue(message(id));
  auto first = q.next_delivery();
  auto second = q.next_delivery();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(q.reject(first->tag, true), nullptr);
  MessagePtr gone = q.reject(second->tag, false);
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->id, 2u);
  EXPECT_EQ(q.unacked(), 0u);
  auto again = q.next_delivery();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->message->id, 1u);
  EXPECT_TRUE(again->message->amqp.redelivered);
}

TEST(Queue, AutoAckHandsTheMessageOver) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 1, true);
  q.enqueue(message(1));
  q.enqueue(message(2));
  auto a = q.next_delivery();
  auto b = q.next_delivery();
  ASSERT_TRUE(a && b);  // prefetch does not bind an auto-ack consumer: nothing stays unacknowledged
  EXPECT_TRUE(a->auto_ack);
  EXPECT_EQ(q.unacked(), 0u);
}

TEST(Queue, ExpiredMessagesLeaveOnlyFromTheHead) {
  Queue q(0, "q", 0);
  q.enqueue(message(1, 5.0));
  q.enqueue(message(2, 20.0));
  q.enqueue(message(3, 5.0));
  auto expired = q.take_expired_head(10.0);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0]->id, 1u);
  EXPECT_EQ(q.ready(), 2u);  // message 3 waits behind a live one, as in RabbitMQ
  auto all = q.take_expired(10.0);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]->id, 3u);
}

TEST(Queue, RemovingAConsumerKeepsTheRoundRobinTurn) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 0, false);
  const ConsumerId two = q.add_consumer(2, 0, 0, false);
  q.add_consumer(3, 0, 0, false);
  q.enqueue(message(1));
  ASSERT_EQ(q.next_delivery()->node, 1u);  // next turn: consumer 2
  q.remove_consumer(two);
  q.enqueue(message(2));
  q.enqueue(message(3));
  EXPECT_EQ(q.next_delivery()->node, 3u);
  EXPECT_EQ(q.next_delivery()->node, 1u);
}

}  // namespace buslab::broker
