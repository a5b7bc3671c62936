#include "tracefile/kind_colors.hpp"

#include <fmt/format.h>

namespace buslab::tracefile {

Rgb kind_color(HopKind kind) {
  switch (kind) {
    case HopKind::Request:
      return {66, 133, 244};
    case HopKind::Route:
      return {0, 172, 193};
    case HopKind::Delivery:
      return {52, 168, 83};
    case HopKind::Reply:
      return {251, 140, 0};
    case HopKind::Ack:
      return {149, 117, 205};
    case HopKind::Nack:
      return {216, 27, 96};
    case HopKind::Confirm:
      return {0, 137, 123};
    case HopKind::Return:
      return {141, 110, 99};
    case HopKind::Heartbeat:
      return {144, 164, 174};
    case HopKind::Error:
      return {229, 57, 53};
    case HopKind::Control:
      return {192, 202, 51};
    case HopKind::Local:
      return {188, 170, 164};
    case HopKind::Other:
      break;
  }
  return {189, 189, 189};
}

Rgb phase_color(Phase phase) {
  switch (phase) {
    case Phase::ClientSend:
    case Phase::ClientReceive:
      return {120, 144, 156};
    case Phase::RequestWire:
      return {66, 133, 244};
    case Phase::BrokerRoute:
      return {0, 172, 193};
    case Phase::QueueWait:
      return {171, 71, 188};
    case Phase::Delivery:
      return {52, 168, 83};
    case Phase::ServerBacklog:
      return {255, 193, 7};
    case Phase::Service:
      return {236, 64, 122};
    case Phase::ReplySend:
      return {161, 136, 127};
    case Phase::ReplyWire:
      return {251, 140, 0};
    case Phase::ReplyQueueWait:
      return {126, 87, 194};
    case Phase::ReplyDelivery:
      return {0, 137, 123};
    case Phase::Unanswered:
      return {229, 57, 53};
  }
  return {189, 189, 189};
}

std::string hex(Rgb color) {
  return fmt::format("#{:02x}{:02x}{:02x}", color.r, color.g, color.b);
}

bool is_breaking(EventType type) {
  return type == EventType::Kill || type == EventType::HostDown || type == EventType::LinkDown ||
         type == EventType::Down || type == EventType::Timeout || type == EventType::Hang ||
         type == EventType::Disconnected || type == EventType::Blocked;
}

}  // namespace buslab::tracefile
