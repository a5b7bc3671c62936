#pragma once
// Wire formats: how big a payload becomes on the wire and what encoding and decoding it cost in CPU. The figures
// come from the run's cost profile (docs/profiles.md: `codecs`); builtin_codecs() are the figures buslab used
// before profiles, kept for scenarios that ask for them (`"profile": "uncalibrated"`).
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/software_cost.hpp"

namespace buslab {

struct Codec {
  std::string name;
  double size_factor = 1.0;   // wire bytes per payload byte
  uint64_t header_bytes = 0;  // protocol headers and envelope added to every message on the wire
  SoftwareCost encode;        // per message and per payload byte, on the reference core
  SoftwareCost decode;
  double reference_flops = 1e9;  // the reference core's speed: flops per second of cost

  // Bytes on the wire for a payload: ceil(payload x size factor) + headers.
  uint64_t wire_bytes(uint64_t payload_bytes) const;
  double encode_flops(uint64_t payload_bytes) const {
    return encode.seconds(static_cast<double>(payload_bytes)) * reference_flops;
  }
  double decode_flops(uint64_t payload_bytes) const {
    return decode.seconds(static_cast<double>(payload_bytes)) * reference_flops;
  }
};

// The codecs buslab used before cost profiles (invented orders of magnitude), in documentation order.
const std::vector<Codec>& builtin_codecs();
// That codec called `name`, or nullptr.
const Codec* find_codec(const std::string& name);
// The names a service's `codec` may take.
const std::vector<std::string>& codec_names();

}  // namespace buslab
