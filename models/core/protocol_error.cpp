#include "models/core/protocol_error.hpp"

#include <fmt/format.h>

namespace buslab {

const char* to_string(Frame frame) {
  switch (frame) {
    case Frame::DirectRequest:
      return "DirectRequest";
    case Frame::DirectReply:
      return "DirectReply";
    case Frame::Syn:
      return "Syn";
    case Frame::SynAck:
      return "SynAck";
    case Frame::Heartbeat:
      return "Heartbeat";
    case Frame::Refused:
      return "Refused";
    case Frame::Connect:
      return "Connect";
    case Frame::ConnectOk:
      return "ConnectOk";
    case Frame::Publish:
      return "Publish";
    case Frame::Confirm:
      return "Confirm";
    case Frame::Return:
      return "Return";
    case Frame::Deliver:
      return "Deliver";
    case Frame::Ack:
      return "Ack";
    case Frame::Reject:
      return "Reject";
    case Frame::Consume:
      return "Consume";
    case Frame::ConnectionLost:
      return "ConnectionLost";
    case Frame::BrokerLost:
      return "BrokerLost";
    case Frame::Kill:
      return "Kill";
    case Frame::Restart:
      return "Restart";
    case Frame::Hang:
      return "Hang";
    case Frame::Resume:
      return "Resume";
    case Frame::Stop:
      return "Stop";
  }
  return "?";
}

const char* to_string(TagKind kind) {
  switch (kind) {
    case TagKind::None:
      return "None";
    case TagKind::Arrival:
      return "Arrival";
    case TagKind::CallEncode:
      return "CallEncode";
    case TagKind::CallDecode:
      return "CallDecode";
    case TagKind::CallTimeout:
      return "CallTimeout";
    case TagKind::SynRetry:
      return "SynRetry";
    case TagKind::Heartbeat:
      return "Heartbeat";
    case TagKind::LinkAttempt:
      return "LinkAttempt";
    case TagKind::LinkConnectTimeout:
      return "LinkConnectTimeout";
    case TagKind::Service:
      return "Service";
    case TagKind::ServiceWait:
      return "ServiceWait";
    case TagKind::BrokerJob:
      return "BrokerJob";
    case TagKind::DiskWrite:
      return "DiskWrite";
    case TagKind::QueueTtl:
      return "QueueTtl";
    case TagKind::QueueExpiry:
      return "QueueExpiry";
    case TagKind::Report:
      return "Report";
    case TagKind::ReportCommit:
      return "ReportCommit";
    case TagKind::ProcessStart:
      return "ProcessStart";
    case TagKind::CallMonitor:
      return "CallMonitor";
    case TagKind::MonitorBeat:
      return "MonitorBeat";
    case TagKind::ListenRetry:
      return "ListenRetry";
    case TagKind::AcceptWork:
      return "AcceptWork";
  }
  return "?";
}

void unexpected_frame(const Envelope& env, const Directory& directory) {
  std::string what = fmt::format("internal error: unexpected {} frame", to_string(env.frame));
  if (env.from_node < directory.size()) what += fmt::format(" from {}", directory.name(env.from_node));
  what += fmt::format(" (call {}, queue {}, delivery tag {}", env.call, env.queue, env.tag);
  if (env.message) what += fmt::format(", message {} of call {}", env.message->id, env.message->rpc.call);
  what += ")";
  throw ProtocolViolation(what);
}

void unexpected_tag(const char* what, uint64_t tag) {
  const auto kind = static_cast<uint8_t>(tag_kind(tag));
  throw ProtocolViolation(fmt::format("internal error: unexpected {} tag {} (kind {}, value {})", what,
                                      to_string(tag_kind(tag)), kind, tag_value(tag)));
}

}  // namespace buslab
