#pragma once
// What a timer or a piece of work (CPU, disk write) of a node is for. A tag is 64 bits: the top byte says its
// kind, from this one enum for every node, and the rest carries a value (a job, a call, a queue, a node...). A
// node passes a tag to the part of it that owns the kind (its broker link, its RPC caller, itself), so tags of
// different parts never collide, and a tag of a kind nobody in the node owns is a bug the node reports.
#include <cstdint>

namespace buslab {

enum class TagKind : uint8_t {
  None = 0,
  Arrival,             // client, publisher: the next request or publish is due (timer)
  CallEncode,          // RPC caller: a request is encoded (work; value: call)
  CallDecode,          // RPC caller: a reply is decoded (work; value: call)
  CallTimeout,         // RPC caller: a call's timeout (timer; value: call)
  SynRetry,            // RPC caller: resend a SYN nobody answered (timer; value: call)
  Heartbeat,           // RPC caller (zerorpc): the next heartbeat to a replica (timer; value: node)
  LinkAttempt,         // broker link: try to connect again (timer)
  LinkConnectTimeout,  // broker link: a connection attempt got no answer (timer; value: attempt)
  Service,             // server, consumer: a request's or message's CPU work (work; value: executor job)
  ServiceWait,         // server: a request's I/O wait (timer; value: executor job)
  BrokerJob,           // broker: a CPU job (work; value: job)
  DiskWrite,           // broker: a persistent message is on disk (work; value: write)
  QueueTtl,            // broker: the head of a queue expires (timer; value: queue)
  QueueExpiry,         // broker: an unused queue expires, x-expires (timer; value: queue)
  Report,              // nova service: its next heartbeat is due (timer)
  ReportCommit,        // nova service: its direct DB write commits (timer)
  ProcessStart,        // server: a replica that starts after the run began comes up (timer)
  CallMonitor,         // RPC caller: a call heard nothing for its call_monitor_timeout (timer; value: call)
  MonitorBeat,         // server: send the next call-monitor heartbeat of a request (timer; value: executor job)
  ListenRetry,         // direct server: a half-open connection's retransmission reaches its kernel (timer; value: key)
  AcceptWork,          // direct server: its accepting thread takes a connection (work)
};

inline constexpr int kTagKindShift = 56;
inline constexpr uint64_t kTagValueMask = (uint64_t{1} << kTagKindShift) - 1;

inline constexpr uint64_t make_tag(TagKind kind, uint64_t value) {
  return (uint64_t{static_cast<uint8_t>(kind)} << kTagKindShift) | (value & kTagValueMask);
}
inline constexpr TagKind tag_kind(uint64_t tag) {
  return static_cast<TagKind>(tag >> kTagKindShift);
}
inline constexpr uint64_t tag_value(uint64_t tag) {
  return tag & kTagValueMask;
}

}  // namespace buslab
