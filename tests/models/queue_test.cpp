#include <gtest/gtest.h>

#include "models/broker/queue.hpp"

namespace buslab::broker {

namespace {

MessagePtr message(MsgId id, double expires_at = kNever, uint64_t bytes = 100) {
  auto m = std::make_unique<Message>();
  m->id = id;
  m->amqp.expires_at = expires_at;
  m->wire_bytes = bytes;
  return m;
}

std::vector<MsgId> ids(const std::vector<Departure>& departed) {
  std::vector<MsgId> out;
  for (const auto& d : departed) out.push_back(d.message->id);
  return out;
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
  for (MsgId id = 1; id <= 7; ++id) q.enqueue(message(id), 0.0);
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
  for (MsgId id = 1; id <= 5; ++id) q.enqueue(message(id), 0.0);
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
  q.enqueue(message(1), 0.0);
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
  for (MsgId id = 1; id <= 6; ++id) q.enqueue(message(id), 0.0);
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
  for (MsgId id = 1; id <= 3; ++id) q.enqueue(message(id), 0.0);
  auto first = q.next_delivery();
  auto second = q.next_delivery();
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(q.reject(first->tag, true).has_value());
  auto gone = q.reject(second->tag, false);
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ(gone->message->id, 2u);
  EXPECT_EQ(gone->reason, LeaveReason::Rejected);
  EXPECT_EQ(q.unacked(), 0u);
  auto again = q.next_delivery();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->message->id, 1u);
  EXPECT_TRUE(again->message->amqp.redelivered);
}

TEST(Queue, AutoAckHandsTheMessageOver) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 1, true);
  q.enqueue(message(1), 0.0);
  q.enqueue(message(2), 0.0);
  auto a = q.next_delivery();
  auto b = q.next_delivery();
  ASSERT_TRUE(a && b);  // prefetch does not bind an auto-ack consumer: nothing stays unacknowledged
  EXPECT_TRUE(a->auto_ack);
  EXPECT_EQ(q.unacked(), 0u);
}

TEST(Queue, ExpiredMessagesLeaveOnlyFromTheHead) {
  Queue q(0, "q", 0);
  q.enqueue(message(1, 5.0), 0.0);
  q.enqueue(message(2, 20.0), 0.0);
  q.enqueue(message(3, 5.0), 0.0);
  auto expired = q.take_expired_head(10.0);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].message->id, 1u);
  EXPECT_EQ(expired[0].reason, LeaveReason::Expired);
  EXPECT_EQ(q.ready(), 2u);  // message 3 waits behind a live one, as in RabbitMQ
  auto all = q.take_expired(10.0);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].message->id, 3u);
}

TEST(Queue, RemovingAConsumerKeepsTheRoundRobinTurn) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 0, false);
  const ConsumerId two = q.add_consumer(2, 0, 0, false);
  q.add_consumer(3, 0, 0, false);
  q.enqueue(message(1), 0.0);
  ASSERT_EQ(q.next_delivery()->node, 1u);  // next turn: consumer 2
  q.remove_consumer(two);
  q.enqueue(message(2), 0.0);
  q.enqueue(message(3), 0.0);
  EXPECT_EQ(q.next_delivery()->node, 3u);
  EXPECT_EQ(q.next_delivery()->node, 1u);
}

TEST(QueuePolicies, QueueTtlAppliesAndAShorterMessageExpirationWins) {
  QueueOptions options;
  options.message_ttl = 10.0;
  Queue q(0, "q", 0, options);
  q.enqueue(message(1), 1.0);        // expires at 11
  q.enqueue(message(2, 5.0), 2.0);   // its own expiration (5) is earlier than 12
  q.enqueue(message(3, 50.0), 3.0);  // the queue's 13 is earlier
  EXPECT_DOUBLE_EQ(q.head_expiry(), 11.0);
  EXPECT_TRUE(q.take_expired_head(10.9).empty());
  EXPECT_EQ(ids(q.take_expired_head(11.0)), (std::vector<MsgId>{1, 2}));
  EXPECT_DOUBLE_EQ(q.head_expiry(), 13.0);
}

TEST(QueuePolicies, MaxLengthDropHeadPushesOutTheOldestReadyMessages) {
  QueueOptions options;
  options.max_length = 2;
  Queue q(0, "q", 0, options);
  EXPECT_TRUE(q.enqueue(message(1), 0).departed.empty());
  EXPECT_TRUE(q.enqueue(message(2), 0).departed.empty());
  EnqueueResult third = q.enqueue(message(3), 0);
  EXPECT_TRUE(third.accepted);
  ASSERT_EQ(ids(third.departed), (std::vector<MsgId>{1}));
  EXPECT_EQ(third.departed[0].reason, LeaveReason::MaxLength);
  EXPECT_EQ(q.ready(), 2u);
}

TEST(QueuePolicies, UnacknowledgedMessagesDoNotCountTowardsTheLimit) {
  QueueOptions options;
  options.max_length = 1;
  Queue q(0, "q", 0, options);
  q.add_consumer(1, 0, 1, false);
  q.enqueue(message(1), 0);
  ASSERT_TRUE(q.next_delivery());
  EXPECT_TRUE(q.enqueue(message(2), 0).departed.empty());  // 1 is unacked: only 2 is ready
  EXPECT_EQ(q.ready(), 1u);
  EXPECT_EQ(q.unacked(), 1u);
}

TEST(QueuePolicies, MaxLengthBytesCountsReadyBytes) {
  QueueOptions options;
  options.max_length_bytes = 250;
  Queue q(0, "q", 0, options);
  q.enqueue(message(1, kNever, 100), 0);
  q.enqueue(message(2, kNever, 100), 0);
  EXPECT_EQ(q.ready_bytes(), 200u);
  EXPECT_EQ(ids(q.enqueue(message(3, kNever, 100), 0).departed), (std::vector<MsgId>{1}));
  EXPECT_EQ(q.ready_bytes(), 200u);
}

TEST(QueuePolicies, RejectPublishRefusesTheNewestMessage) {
  QueueOptions options;
  options.max_length = 1;
  options.overflow = Overflow::RejectPublish;
  Queue q(0, "q", 0, options);
  q.enqueue(message(1), 0);
  EnqueueResult second = q.enqueue(message(2), 0);
  EXPECT_FALSE(second.accepted);
  ASSERT_NE(second.refused, nullptr);
  EXPECT_EQ(second.refused->id, 2u);
  EXPECT_TRUE(second.departed.empty());
  options.overflow = Overflow::RejectPublishDlx;
  Queue dlx(1, "d", 0, options);
  dlx.enqueue(message(1), 0);
  EnqueueResult refused = dlx.enqueue(message(2), 0);
  EXPECT_FALSE(refused.accepted);
  EXPECT_EQ(refused.refused, nullptr);
  ASSERT_EQ(ids(refused.departed), (std::vector<MsgId>{2}));  // dead-lettered as maxlen
  EXPECT_EQ(refused.departed[0].reason, LeaveReason::MaxLength);
}

TEST(QueuePolicies, HigherPriorityConsumersGetMessagesWhileTheyCanTakeThem) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 1, false, 0);
  q.add_consumer(2, 0, 2, false, 10);
  for (MsgId id = 1; id <= 4; ++id) q.enqueue(message(id), 0);
  std::vector<NodeId> to;
  while (auto d = q.next_delivery()) to.push_back(d->node);
  // The priority-10 consumer takes two (its prefetch); then, blocked, it is not waited for.
  EXPECT_EQ(to, (std::vector<NodeId>{2, 2, 1}));
}

TEST(QueuePolicies, ASingleActiveConsumerReceivesAloneUntilItGoes) {
  QueueOptions options;
  options.single_active_consumer = true;
  Queue q(0, "q", 0, options);
  const ConsumerId first = q.add_consumer(1, 0, 0, false);
  q.add_consumer(2, 0, 0, false);
  for (MsgId id = 1; id <= 3; ++id) q.enqueue(message(id), 0);
  std::vector<NodeId> to;
  while (auto d = q.next_delivery()) to.push_back(d->node);
  EXPECT_EQ(to, (std::vector<NodeId>{1, 1, 1}));
  EXPECT_EQ(q.active_consumer(), first);
  q.remove_consumer(first);  // its three come back, redelivered, to the next consumer
  to.clear();
  while (auto d = q.next_delivery()) to.push_back(d->node);
  EXPECT_EQ(to, (std::vector<NodeId>{2, 2, 2}));
}

TEST(QueuePolicies, BytesFollowMessagesBetweenReadyAndUnacked) {
  Queue q(0, "q", 0);
  q.add_consumer(1, 0, 0, false);
  q.enqueue(message(1, kNever, 300), 0);
  q.enqueue(message(2, kNever, 200), 0);
  auto d = q.next_delivery();
  EXPECT_EQ(q.ready_bytes(), 200u);
  EXPECT_EQ(q.unacked_bytes(), 300u);
  q.ack(d->tag);
  EXPECT_EQ(q.unacked_bytes(), 0u);
}

}  // namespace buslab::broker
