#pragma once
// Wire formats: how big a payload becomes on the wire and what encoding/decoding it costs in CPU.
// The figures are relative orders of magnitude (XML largest and slowest to parse, MessagePack smallest);
// docs/scenario.md lists them for users.
#include <cstdint>
#include <string>
#include <vector>

namespace buslab {

struct Codec {
  std::string name;
  double size_factor;            // wire bytes per payload byte
  double encode_flops_per_byte;  // per payload byte
  double decode_flops_per_byte;  // per payload byte
  double fixed_flops;            // per message, each side
  uint64_t header_bytes;         // protocol headers and envelope added to every message on the wire

  // Bytes on the wire for a payload: ceil(payload x size factor) + headers.
  uint64_t wire_bytes(uint64_t payload_bytes) const;
  double encode_flops(uint64_t payload_bytes) const { return fixed_flops + encode_flops_per_byte * payload_bytes; }
  double decode_flops(uint64_t payload_bytes) const { return fixed_flops + decode_flops_per_byte * payload_bytes; }
};

// The builtin codecs, in documentation order.
const std::vector<Codec>& builtin_codecs();
// The codec called `name`, or nullptr.
const Codec* find_codec(const std::string& name);

}  // namespace buslab
